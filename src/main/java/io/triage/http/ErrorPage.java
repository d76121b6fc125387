package io.triage.http;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;

/** An error as a page a person can read: what happened and where to go next. */
public final class ErrorPage {

    private ErrorPage() {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    /** Pages live everywhere but under /api and /q; those answer with problem documents. */
    public static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/"));
    }

    public static Response response(int status, String title, String detail) {
        return Html.page(status, Templates.error(status, title, detail));
    }
}
