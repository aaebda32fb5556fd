package org.jisr.kb;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LangTest {

    @Test
    void arabicScriptMeansArabic() {
        assertThat(Lang.detect("ما هو مركز التواصل؟")).isEqualTo(Lang.AR);
        assertThat(Lang.detect("What is GCC?")).isEqualTo(Lang.EN);
        assertThat(Lang.detect("GCC مركز")).isEqualTo(Lang.AR);
    }

    @Property(tries = 200)
    void detectNeverThrows(@ForAll String s) {
        assertThat(Lang.detect(s)).isNotNull();
    }
}
