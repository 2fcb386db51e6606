package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text written by others (subjects, chat) cannot become markup. */
class BriefingDocumentTest {
    @Test
    void htmlEscapesEveryPieceOfText() {
        BriefingDocument doc = new BriefingDocument("Brief <b>&</b>")
                .heading("<script>alert('x')</script>")
                .item("Tom & \"Jerry\" <tom@example.com>", "why: a < b")
                .block("<img src=x onerror=alert(1)>");

        String html = doc.html();

        assertThat(html).doesNotContain("<script>", "<img", "<b>", "<tom@")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Tom &amp; &quot;Jerry&quot; &lt;tom@example.com&gt;",
                        "why: a &lt; b", "<title>Brief &lt;b&gt;&amp;&lt;/b&gt;</title>");
        assertThat(doc.markdown()).contains("## <script>alert('x')</script>", "- Tom & \"Jerry\"");
    }
}
