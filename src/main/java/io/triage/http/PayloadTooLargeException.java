package io.triage.http;

/** A body over the endpoint's limit that arrived without a length (checked after reading). */
public class PayloadTooLargeException extends RuntimeException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the body is larger than the " + limit + " bytes this endpoint accepts");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
