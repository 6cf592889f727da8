package uk.vda.security;

import java.io.IOException;

/** A request body without a declared length went past the limit while being read; answered 413. */
public class PayloadTooLargeException extends IOException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
