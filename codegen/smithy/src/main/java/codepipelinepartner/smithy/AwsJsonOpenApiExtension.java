package codepipelinepartner.smithy;

import java.util.List;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_0Trait;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_1Trait;
import software.amazon.smithy.model.traits.Trait;
import software.amazon.smithy.openapi.fromsmithy.OpenApiMapper;
import software.amazon.smithy.openapi.fromsmithy.OpenApiProtocol;
import software.amazon.smithy.openapi.fromsmithy.Smithy2OpenApiExtension;

/**
 * Teaches smithy-openapi the awsJson1_0 and awsJson1_1 protocols, which it does not
 * convert out of the box, and names the regional endpoint. Loaded through META-INF/services.
 */
public final class AwsJsonOpenApiExtension implements Smithy2OpenApiExtension {
    @Override
    public List<OpenApiProtocol<? extends Trait>> getProtocols() {
        return List.of(
                new AwsJsonProtocol<>(AwsJson1_0Trait.class, "application/x-amz-json-1.0"),
                new AwsJsonProtocol<>(AwsJson1_1Trait.class, "application/x-amz-json-1.1"));
    }

    @Override
    public List<OpenApiMapper> getOpenApiMappers() {
        return List.of(new RegionalEndpointMapper());
    }
}
