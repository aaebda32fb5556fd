package org.jisr.kb.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jisr.kb.Article;

/**
 * JSON Lines reading and writing of articles. Each line is decoded on its own, strictly as UTF-8, so one
 * line of bad bytes is reported by number and the others still import. Blank lines and lines starting
 * with {@code #} or {@code //} are skipped.
 */
public final class Jsonl {

    /** Longest line accepted, in bytes; longer lines are reported, not buffered (a file without line breaks). */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private Jsonl() {
    }

    /** Articles that parsed, plus every problem with its line number. */
    public record Result(List<Article> articles, List<ImportError> errors) {
    }

    public static Result read(InputStream in) throws IOException {
        List<Article> articles = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        read(in, articles::add, errors::add);
        return new Result(articles, errors);
    }

    public static Result read(byte[] bytes) {
        try {
            return read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void read(InputStream in, Consumer<Article> articles, Consumer<ImportError> errors) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        int lineNo = 1;
        boolean tooLong = false;
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (tooLong) {
                        errors.accept(tooLong(lineNo));
                    } else {
                        handle(line.toByteArray(), lineNo, decoder, articles, errors);
                    }
                    lineNo++;
                    line.reset();
                    tooLong = false;
                } else if (!tooLong) {
                    line.write(buf[i]);
                    if (line.size() > MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    }
                }
            }
        }
        if (tooLong) {
            errors.accept(tooLong(lineNo));
        } else if (line.size() > 0) {
            handle(line.toByteArray(), lineNo, decoder, articles, errors);
        }
    }

    private static ImportError tooLong(int lineNo) {
        return new ImportError(lineNo, "line", "longer than " + MAX_LINE_BYTES + " bytes");
    }

    private static void handle(byte[] raw, int lineNo, CharsetDecoder decoder, Consumer<Article> articles,
            Consumer<ImportError> errors) {
        String text;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            errors.accept(new ImportError(lineNo, "line", "invalid UTF-8"));
            return;
        }
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark from Windows editors
        }
        String t = text.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("//")) {
            return;
        }
        ArticleJson.Parsed parsed = ArticleJson.parse(t);
        if (parsed.ok()) {
            articles.accept(parsed.article());
        } else {
            parsed.errors().forEach(fe -> errors.accept(new ImportError(lineNo, fe.field(), fe.message())));
        }
    }

    public static void write(Collection<Article> articles, OutputStream out) throws IOException {
        for (Article a : articles) {
            out.write(ArticleJson.toLine(a).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.flush();
    }
}
