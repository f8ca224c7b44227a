package codepipelinepartner.smithy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.smithy.jsonschema.Schema;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.OperationIndex;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.node.ObjectNode;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.shapes.ToShapeId;
import software.amazon.smithy.model.traits.DocumentationTrait;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.model.traits.HttpErrorTrait;
import software.amazon.smithy.model.traits.Trait;
import software.amazon.smithy.openapi.fromsmithy.Context;
import software.amazon.smithy.openapi.fromsmithy.OpenApiProtocol;
import software.amazon.smithy.openapi.model.MediaTypeObject;
import software.amazon.smithy.openapi.model.OperationObject;
import software.amazon.smithy.openapi.model.ParameterObject;
import software.amazon.smithy.openapi.model.Ref;
import software.amazon.smithy.openapi.model.RequestBodyObject;
import software.amazon.smithy.openapi.model.ResponseObject;

/**
 * Converts awsJson1_0 and awsJson1_1 operations to OpenAPI as they travel on the wire;
 * the two versions differ only in their media type.
 *
 * <p>Every awsJson operation is {@code POST /}; only the X-Amz-Target header tells
 * them apart. OpenAPI keys operations by path and method, so each operation gets the
 * path {@code /#X-Amz-Target=<Service>.<Operation>}, the convention of the widely used
 * OpenAPI descriptions of AWS JSON services: the fragment keeps paths distinct and is
 * never sent. The header is a required parameter with that single value.
 *
 * <p>Errors come back with HTTP 400 (client) or 500 (server), unless @httpError says
 * otherwise, as a JSON object carrying the error's members and its name in __type.
 */
class AwsJsonProtocol<T extends Trait> implements OpenApiProtocol<T> {
    static final String TARGET_HEADER = "X-Amz-Target";
    static final String ERROR_TYPE_HEADER = "X-Amzn-Errortype";
    static final String REQUEST_ID_HEADER = "X-Amzn-Requestid";

    private final Class<T> trait;
    private final String mediaType;

    AwsJsonProtocol(Class<T> trait, String mediaType) {
        this.trait = trait;
        this.mediaType = mediaType;
    }

    @Override
    public Class<T> getProtocolType() {
        return trait;
    }

    @Override
    public String getOperationMethod(Context<T> context, OperationShape operation) {
        return "POST";
    }

    @Override
    public String getOperationUri(Context<T> context, OperationShape operation) {
        return "/#" + TARGET_HEADER + "=" + target(context.getService(), operation);
    }

    @Override
    public Set<String> getProtocolRequestHeaders(Context<T> context, OperationShape operation) {
        return Set.of("Content-Type", TARGET_HEADER);
    }

    @Override
    public Set<String> getProtocolResponseHeaders(Context<T> context, OperationShape operation) {
        return Set.of("Content-Type", ERROR_TYPE_HEADER, REQUEST_ID_HEADER);
    }

    @Override
    public Optional<Operation> createOperation(Context<T> context, OperationShape operation) {
        Model model = context.getModel();
        ServiceShape service = context.getService();
        OperationIndex operations = OperationIndex.of(model);
        String target = target(service, operation);

        OperationObject.Builder builder = OperationObject.builder()
                .operationId(operation.getId().getName(service))
                .summary(summary(operation))
                .addParameter(ParameterObject.builder()
                        .name(TARGET_HEADER)
                        .in("header")
                        .required(true)
                        .description("Names the operation: always '" + target + "'.")
                        .schema(Schema.builder().type("string").enumValues(List.of(target)).build())
                        .build());

        // An operation without input still takes a JSON object; an empty body means {}.
        Schema requestSchema = operations.getInputShape(operation)
                .filter(input -> !isUnit(input))
                .map(input -> context.createRef(input))
                .orElseGet(() -> Schema.builder().type("object").build());
        builder.requestBody(RequestBodyObject.builder()
                .required(true)
                .putContent(mediaType, MediaTypeObject.builder().schema(requestSchema).build())
                .build());

        ResponseObject.Builder success = ResponseObject.builder()
                .putHeader(REQUEST_ID_HEADER, requestIdHeader());
        Optional<StructureShape> output = operations.getOutputShape(operation).filter(shape -> !isUnit(shape));
        if (output.isPresent()) {
            success.description(operation.getId().getName(service) + " succeeded.")
                    .putContent(mediaType, MediaTypeObject.builder().schema(context.createRef(output.get())).build());
        } else {
            success.description(operation.getId().getName(service) + " succeeded; the body is empty.");
        }
        builder.putResponse("200", success.build());

        // Group the operation's errors, and the service's, by status code: OpenAPI has one
        // response per status, so errors sharing one become a oneOf keyed by __type.
        Map<String, List<StructureShape>> byStatus = new TreeMap<>();
        for (StructureShape error : operations.getErrors(service, operation)) {
            byStatus.computeIfAbsent(statusCode(error), k -> new ArrayList<>()).add(error);
        }
        for (Map.Entry<String, List<StructureShape>> entry : byStatus.entrySet()) {
            List<Schema> variants = new ArrayList<>();
            List<String> names = new ArrayList<>();
            ObjectNode.Builder mapping = Node.objectNodeBuilder();
            for (StructureShape error : entry.getValue()) {
                String name = error.getId().getName(service);
                String pointer = errorSchema(context, error);
                variants.add(Schema.builder().ref(pointer).build());
                names.add(name);
                mapping.withMember(name, pointer);
            }
            Schema body = variants.size() == 1
                    ? variants.get(0)
                    : Schema.builder()
                            .oneOf(variants)
                            .putExtension("discriminator", Node.objectNode()
                                    .withMember("propertyName", "__type")
                                    .withMember("mapping", mapping.build()))
                            .build();
            builder.putResponse(entry.getKey(), ResponseObject.builder()
                    .description(String.join(", ", names))
                    .putHeader(REQUEST_ID_HEADER, requestIdHeader())
                    .putHeader(ERROR_TYPE_HEADER, Ref.local(ParameterObject.builder()
                            .description("The error's name; clients read it before the body's __type.")
                            .schema(Schema.builder().type("string").build())
                            .build()))
                    .putContent(mediaType, MediaTypeObject.builder().schema(body).build())
                    .build());
        }

        return Optional.of(Operation.create(getOperationMethod(context, operation),
                getOperationUri(context, operation), builder));
    }

    /**
     * Adds the error's own schema with the __type member that names it on the wire, and
     * returns the schema's pointer.
     */
    private String errorSchema(Context<T> context, StructureShape error) {
        String name = error.getId().getName(context.getService());
        String pointer = name + "ResponseContent";
        Schema own = context.getJsonSchemaConverter().convertShape(error).getRootSchema();
        List<String> required = new ArrayList<>(own.getRequired());
        required.add(0, "__type");
        Schema.Builder schema = own.toBuilder()
                .removeProperty("__type")
                .required(required);
        // Put __type first, ahead of the error's own members.
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("__type", Schema.builder()
                .type("string")
                .enumValues(List.of(name))
                .description("The error's name. Some services prefix it with a namespace and '#'.")
                .build());
        properties.putAll(own.getProperties());
        schema.properties(properties);
        error.getTrait(DocumentationTrait.class).ifPresent(doc -> schema.description(doc.getValue()));
        return context.putSynthesizedSchema(pointer, schema.build());
    }

    private static String statusCode(StructureShape error) {
        return error.getTrait(HttpErrorTrait.class)
                .map(trait -> String.valueOf(trait.getCode()))
                .orElseGet(() -> error.expectTrait(ErrorTrait.class).isClientError() ? "400" : "500");
    }

    private static Ref<ParameterObject> requestIdHeader() {
        return Ref.local(ParameterObject.builder()
                .description("A unique ID the service gives the request.")
                .schema(Schema.builder().type("string").build())
                .build());
    }

    /** The documentation's first sentence, or the operation's name when it has none. */
    private static String summary(OperationShape operation) {
        String doc = operation.getTrait(DocumentationTrait.class).map(DocumentationTrait::getValue).orElse("").trim();
        int end = doc.indexOf(". ");
        String sentence = (end >= 0 ? doc.substring(0, end + 1) : doc).replaceAll("\\s+", " ");
        return sentence.isEmpty() ? operation.getId().getName() : sentence;
    }

    private static boolean isUnit(ToShapeId shape) {
        return shape.toShapeId().toString().equals("smithy.api#Unit");
    }

    private static String target(ServiceShape service, OperationShape operation) {
        return service.getId().getName() + "." + operation.getId().getName(service);
    }
}
