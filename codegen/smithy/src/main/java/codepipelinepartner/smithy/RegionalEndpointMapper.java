package codepipelinepartner.smithy;

import java.util.Map;
import software.amazon.smithy.aws.traits.ServiceTrait;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.traits.Trait;
import software.amazon.smithy.openapi.fromsmithy.Context;
import software.amazon.smithy.openapi.fromsmithy.OpenApiMapper;
import software.amazon.smithy.openapi.model.OpenApi;
import software.amazon.smithy.openapi.model.ServerObject;

/**
 * Adds the service's regional endpoint, https://{endpointPrefix}.{region}.amazonaws.com,
 * as the document's server, for services that carry aws.api#service.
 */
final class RegionalEndpointMapper implements OpenApiMapper {
    @Override
    public OpenApi after(Context<? extends Trait> context, OpenApi openapi) {
        return context.getService().getTrait(ServiceTrait.class)
                .filter(trait -> openapi.getServers().isEmpty())
                .map(trait -> openapi.toBuilder()
                        .addServer(ServerObject.builder()
                                .url("https://" + trait.getEndpointPrefix() + ".{region}.amazonaws.com")
                                .description("The service's endpoint in an AWS Region.")
                                .variables(Map.of("region", Node.objectNode()
                                        .withMember("default", "us-east-1")
                                        .withMember("description", "The AWS Region, such as us-east-1.")))
                                .build())
                        .build())
                .orElse(openapi);
    }
}
