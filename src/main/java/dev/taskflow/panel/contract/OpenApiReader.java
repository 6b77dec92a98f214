package dev.taskflow.panel.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** Turns an OpenAPI document into an {@link ApiContract}, with swagger-parser doing the parsing. */
class OpenApiReader {

    private static final Comparator<ApiEndpoint> ORDER = Comparator.comparing(ApiEndpoint::path)
            .thenComparing(ApiEndpoint::method);

    /** Reads the document; a document that is not OpenAPI is refused with the parser's own messages. */
    ApiContract read(String document, String source, Instant capturedAt) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        OpenAPI api = result == null ? null : result.getOpenAPI();
        List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
        if (api == null || api.getOpenapi() == null || api.getPaths() == null) {
            throw new ContractSourceUnavailableException("The document at " + source + " is not an OpenAPI "
                    + "document the panel can read" + (messages.isEmpty() ? " (no openapi version or no paths)"
                            : ": " + String.join("; ", messages))
                    + ". Point panel.contract.openapi-path at the backend's OpenAPI JSON (FastAPI: /openapi.json).");
        }
        List<ApiEndpoint> endpoints = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> endpoints
                .add(endpoint(api, method, path, operation))));
        endpoints.sort(ORDER);
        return new ApiContract(source, capturedAt, endpoints);
    }

    private static ApiEndpoint endpoint(OpenAPI api, PathItem.HttpMethod method, String path, Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
        boolean requiresAuth = security != null && security.stream().anyMatch(requirement -> !requirement.isEmpty());
        List<String> statusCodes = operation.getResponses() == null ? List.of()
                : new ArrayList<>(new TreeSet<>(operation.getResponses().keySet()));
        return new ApiEndpoint(method.name().toUpperCase(Locale.ROOT), path, requiresAuth,
                bodyFields(api, operation.getRequestBody()), statusCodes, operation.getOperationId(),
                operation.getSummary());
    }

    private static List<String> bodyFields(OpenAPI api, RequestBody body) {
        RequestBody resolved = body;
        if (resolved != null && resolved.get$ref() != null && api.getComponents() != null
                && api.getComponents().getRequestBodies() != null) {
            resolved = api.getComponents().getRequestBodies().get(simpleName(resolved.get$ref()));
        }
        if (resolved == null || resolved.getContent() == null || resolved.getContent().isEmpty()) {
            return List.of();
        }
        MediaType media = preferredMedia(resolved.getContent());
        Set<String> fields = new TreeSet<>();
        collect(api, media == null ? null : media.getSchema(), fields, 0);
        return List.copyOf(fields);
    }

    private static MediaType preferredMedia(Content content) {
        MediaType json = content.get("application/json");
        if (json != null) {
            return json;
        }
        return content.entrySet().stream().filter(entry -> entry.getKey().contains("json")).map(Map.Entry::getValue)
                .findFirst().orElse(content.values().iterator().next());
    }

    @SuppressWarnings("rawtypes")
    private static void collect(OpenAPI api, Schema schema, Set<String> fields, int depth) {
        if (schema == null || depth > 8) {
            return;
        }
        Schema resolved = resolve(api, schema);
        if (resolved == null) {
            return;
        }
        if (resolved.getProperties() != null) {
            fields.addAll(((Map<String, ?>) resolved.getProperties()).keySet());
        }
        // FastAPI and pydantic wrap bodies in allOf/anyOf around one $ref; their members' fields are the body's.
        for (List<Schema> members : composed(resolved)) {
            if (members != null) {
                members.forEach(member -> collect(api, member, fields, depth + 1));
            }
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static List<List<Schema>> composed(Schema schema) {
        List<List<Schema>> all = new ArrayList<>();
        all.add(schema.getAllOf());
        all.add(schema.getAnyOf());
        all.add(schema.getOneOf());
        return all;
    }

    @SuppressWarnings("rawtypes")
    private static Schema resolve(OpenAPI api, Schema schema) {
        Schema current = schema;
        for (int hop = 0; hop < 8 && current != null && current.get$ref() != null; hop++) {
            if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
                return null;
            }
            current = api.getComponents().getSchemas().get(simpleName(current.get$ref()));
        }
        return current;
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
