package uk.vda.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A 404 with a plain message, rendered as problem+json. */
class NotFoundException extends ResponseStatusException {
    NotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, message);
    }
}
