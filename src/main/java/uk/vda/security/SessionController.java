package uk.vda.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the presented key is and what it may do: the web pages show only what these scopes allow. */
@RestController
@RequestMapping(path = "/api/v1/session", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Session", description = "The API key presented: its client and scopes (any valid key).")
class SessionController {

    @Schema(description = "One scope the key holds.")
    record ScopeEntry(
            @Schema(description = "The scope.", example = "decide")
            String value,

            @Schema(description = "What it allows.") String description) {}

    @Schema(description = "The key presented.")
    record Session(
            @Schema(description = "The client the key was made for.")
            String client,

            @Schema(description = "Its scopes, in a fixed order.")
            List<ScopeEntry> scopes) {}

    @GetMapping
    @Operation(summary = "The client and scopes of the API key presented")
    Session session(Authentication authentication) {
        List<ScopeEntry> scopes = Arrays.stream(Scope.values())
                .filter(s -> authentication.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals(s.authority())))
                .map(s -> new ScopeEntry(s.value(), s.description()))
                .toList();
        return new Session(authentication.getName(), scopes);
    }
}
