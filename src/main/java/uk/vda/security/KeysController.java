package uk.vda.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.NotFoundException;

@RestController
@RequestMapping(path = "/api/v1/admin/keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "API keys (scope admin).")
@SecurityRequirement(name = "apiKey", scopes = "admin")
class KeysController {
    /** Scopes only the bootstrap key (or the keys command) may grant. */
    static final Set<Scope> ONLY_FROM_BOOTSTRAP = EnumSet.of(Scope.ADMIN, Scope.RULES_CODE);

    private final ApiKeyStore keys;

    KeysController(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Schema(description = "A key to make.")
    record NewKeyRequest(
            @Schema(
                    description =
                            "The client's name, recorded with every answer it gets: 1 to 100 letters, digits, '.', '_' "
                                    + "or '-', not 'bootstrap' or 'anonymous', and not the name of another valid key.",
                    example = "anytown-council-case-system")
            @NotBlank
            String client,

            @Schema(
                    description =
                            "Scopes: decide, assess, rules:read, rules:write, rules:code, audit:read, metrics:read, admin. "
                                    + "A key grants only scopes it holds; admin and rules:code only the bootstrap key (or the keys command).",
                    example = "[\"decide\"]")
            @NotEmpty
            List<String> scopes) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Make a key",
            description = "The key is in the answer and shown only this once; only its salted hash is kept.")
    @ApiResponse(responseCode = "201", description = "The key, made", useReturnTypeSchema = true)
    ResponseEntity<ApiKeyStore.NewKey> create(
            @Valid @RequestBody NewKeyRequest request, Authentication authentication) {
        Set<Scope> wanted = scopes(request.scopes());
        refuseUngrantable((ApiKeyStore.Client) authentication.getPrincipal(), wanted);
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.create(request.client(), wanted));
    }

    /**
     * What a key may grant: only scopes it holds itself, and {@code admin} (making keys) and {@code rules:code}
     * (changing rule code) only when it is the bootstrap key. Otherwise one leaked admin key could make itself
     * any number of keys with any scope, and keep them after it is revoked. The {@code keys} command, run by
     * whoever runs the service, grants anything.
     */
    static void refuseUngrantable(ApiKeyStore.Client granter, Set<Scope> wanted) {
        Set<Scope> refused = EnumSet.noneOf(Scope.class);
        for (Scope scope : wanted) {
            if (!granter.scopes().contains(scope) || (ONLY_FROM_BOOTSTRAP.contains(scope) && !granter.isBootstrap())) {
                refused.add(scope);
            }
        }
        if (!refused.isEmpty()) {
            throw new ScopeNotGrantableException(
                    refused.stream().map(Scope::value).toList());
        }
    }

    @GetMapping
    @Operation(summary = "List keys (never the keys themselves)")
    List<ApiKeyStore.KeyInfo> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key", description = "Takes effect at once.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw new NotFoundException("No key has the id " + id);
        }
        return ResponseEntity.noContent().build();
    }

    static Set<Scope> scopes(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> allowed = Arrays.stream(Scope.values()).map(Scope::value).toList();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Scope.of(name).ifPresentOrElse(scopes::add, () -> {});
            if (Scope.of(name).isEmpty()) {
                problems.add(new FieldProblem("scopes[" + i + "]", "'" + name + "' is not a scope", name, allowed));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.get(0).message(), problems);
        }
        return scopes;
    }
}
