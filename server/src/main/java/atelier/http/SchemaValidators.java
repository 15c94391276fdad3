package atelier.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as Vert.x OpenAPI's request validator sees it, with one schema validator per schema
 * built once. The library asks its schema repository for a new validator on every parameter and
 * body it checks, and each one copies the repository's whole lookup map (every schema of
 * {@code docs/openapi.json}): that copy was the hottest frame of a REST load profile. A validator
 * holds no per-call state, so sharing one across event loops is safe.
 */
final class SchemaValidators implements OpenAPIContract {
  private final OpenAPIContract contract;
  private final SchemaRepository repository;

  SchemaValidators(OpenAPIContract contract) {
    this.contract = contract;
    this.repository = new CachingRepository(contract.getSchemaRepository());
  }

  @Override public SchemaRepository getSchemaRepository() { return repository; }
  @Override public Operation operation(String operationId) { return contract.operation(operationId); }
  @Override public List<Operation> operations() { return contract.operations(); }
  @Override public List<Path> getPaths() { return contract.getPaths(); }
  @Override public JsonObject getRawContract() { return contract.getRawContract(); }
  @Override public OpenAPIVersion getVersion() { return contract.getVersion(); }
  @Override public List<Server> getServers() { return contract.getServers(); }
  @Override public Path findPath(String urlPath) { return contract.findPath(urlPath); }
  @Override public Operation findOperation(String urlPath, HttpMethod method) { return contract.findOperation(urlPath, method); }
  @Override public List<SecurityRequirement> getSecurityRequirements() { return contract.getSecurityRequirements(); }
  @Override public SecurityScheme securityScheme(String name) { return contract.securityScheme(name); }

  /** Keyed by the schema object itself: the contract hands out the same instance every time. */
  private record Identity(JsonSchema schema) {
    @Override public boolean equals(Object o) { return o instanceof Identity other && other.schema == schema; }
    @Override public int hashCode() { return System.identityHashCode(schema); }
  }

  private static final class CachingRepository implements SchemaRepository {
    private final SchemaRepository repository;
    private final Map<Identity, Validator> validators = new ConcurrentHashMap<>();

    CachingRepository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override public Validator validator(JsonSchema schema) {
      return validators.computeIfAbsent(new Identity(schema), k -> repository.validator(schema));
    }

    @Override public SchemaRepository dereference(JsonSchema schema) throws SchemaException { return repository.dereference(schema); }
    @Override public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException { return repository.dereference(uri, schema); }
    @Override public SchemaRepository preloadMetaSchema(FileSystem fs) { return repository.preloadMetaSchema(fs); }
    @Override public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) { return repository.preloadMetaSchema(fs, draft); }
    @Override public Validator validator(String ref) { return repository.validator(ref); }
    @Override public Validator validator(String ref, JsonSchemaOptions options) { return repository.validator(ref, options); }
    @Override public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) { return repository.validator(schema, options, dereference); }
    @Override public JsonObject resolve(JsonObject schema) { return repository.resolve(schema); }
    @Override public JsonSchema find(String uri) { return repository.find(uri); }
  }
}
