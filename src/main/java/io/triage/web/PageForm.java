package io.triage.web;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the form posted to the current page, by name (read once, before
 * {@link CsrfFilter} checked its token). Text fields only; files are left out.
 */
public final class PageForm {

    private PageForm() {
    }

    public static Map<String, List<String>> fields() {
        FormData data = CurrentRequestManager.get().getFormData();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (data == null) {
            return fields;
        }
        for (String name : data) {
            List<String> values = new ArrayList<>();
            for (FormValue v : data.get(name)) {
                if (!v.isFileItem()) {
                    values.add(v.getValue());
                }
            }
            fields.put(name, values);
        }
        return fields;
    }

    public static String first(String name) {
        List<String> values = fields().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
