package org.jisr.kb.io;

import java.util.List;

/**
 * The outcome of one import: how many articles were stored and every line that was not.
 */
public record ImportReport(int imported, List<ImportError> errors) {

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
