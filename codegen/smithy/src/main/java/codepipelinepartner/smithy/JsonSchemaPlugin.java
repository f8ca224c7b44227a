package codepipelinepartner.smithy;

import java.util.Set;
import software.amazon.smithy.build.PluginContext;
import software.amazon.smithy.build.SmithyBuildPlugin;
import software.amazon.smithy.jsonschema.JsonSchemaConfig;
import software.amazon.smithy.jsonschema.JsonSchemaConverter;
import software.amazon.smithy.jsonschema.SchemaDocument;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.neighbor.Walker;
import software.amazon.smithy.model.node.NodeMapper;
import software.amazon.smithy.model.node.ObjectNode;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeType;
import software.amazon.smithy.model.traits.TimestampFormatTrait;

/**
 * "json-schema": one JSON Schema document with a definition for every shape in a
 * service's closure, written by Smithy's own JSON Schema converter. Smithy ships the
 * converter but no build plugin that runs it on its own.
 *
 * <p>Settings are those of JsonSchemaConfig (service, jsonSchemaVersion, ...), plus
 * "filename".
 */
public final class JsonSchemaPlugin implements SmithyBuildPlugin {
    private static final Set<ShapeType> SKIPPED = Set.of(
            ShapeType.SERVICE, ShapeType.OPERATION, ShapeType.RESOURCE);

    @Override
    public String getName() {
        return "json-schema";
    }

    @Override
    public void execute(PluginContext context) {
        ObjectNode settings = context.getSettings();
        String filename = settings.getStringMemberOrDefault("filename", "schema.json");
        NodeMapper mapper = new NodeMapper();
        mapper.setWhenMissingSetter(NodeMapper.WhenMissing.FAIL);
        JsonSchemaConfig config = mapper.deserialize(settings.withoutMember("filename"), JsonSchemaConfig.class);
        if (config.getService() == null) {
            throw new IllegalArgumentException("json-schema: the 'service' setting is required");
        }
        if (config.getDefaultTimestampFormat() == null) {
            config.setDefaultTimestampFormat(TimestampFormatTrait.Format.EPOCH_SECONDS);
        }

        Model model = context.getModel();
        Shape service = model.expectShape(config.getService());
        Set<Shape> closure = new Walker(model).walkShapes(service);
        JsonSchemaConverter converter = JsonSchemaConverter.builder()
                .config(config)
                .model(model)
                .shapePredicate(shape -> closure.contains(shape)
                        && !SKIPPED.contains(shape.getType())
                        && !shape.getId().getNamespace().equals("smithy.api"))
                .build();
        SchemaDocument document = converter.convert();
        context.getFileManifest().writeJson(filename, document.toNode());
    }
}
