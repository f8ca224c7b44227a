package codepipelinepartner.smithy;

import java.util.List;
import software.amazon.smithy.model.traits.Trait;
import software.amazon.smithy.openapi.fromsmithy.OpenApiMapper;
import software.amazon.smithy.openapi.fromsmithy.OpenApiProtocol;
import software.amazon.smithy.openapi.fromsmithy.Smithy2OpenApiExtension;

/**
 * Teaches smithy-openapi the awsJson1_1 protocol, which it does not convert out of the
 * box, and names the regional endpoint. Loaded through META-INF/services.
 */
public final class AwsJson11OpenApiExtension implements Smithy2OpenApiExtension {
    @Override
    public List<OpenApiProtocol<? extends Trait>> getProtocols() {
        return List.of(new AwsJson11Protocol());
    }

    @Override
    public List<OpenApiMapper> getOpenApiMappers() {
        return List.of(new RegionalEndpointMapper());
    }
}
