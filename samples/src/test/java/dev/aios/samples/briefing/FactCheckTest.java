package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A draft states only what its request, its thread and the user's instruction say: the three
 * failures issue 15 found on a reviewer's mailbox, and drafts that must pass.
 */
class FactCheckTest {
    private static final String SAM = "Sam Lee\nsam@lumen.dev\nBest,\nSam";

    private static FactCheck.Sources request(String from, String body, String... thread) {
        return new FactCheck.Sources("From: " + from + "\nSubject: request\n\n" + body, List.of(thread), "", from + "\n" + SAM);
    }

    @Test
    void rejectsAnOldReplysFiguresUnderANewReport() {
        FactCheck.Sources november = request("Mia Holm <mia@lumen.dev>",
                "Hi Sam,\n\ncould you send me the November report? The board meets on Thursday.\n\nMia");
        String draft = "Hi Mia,\n\nsure, here is the November report. Revenue was 412,000 EUR, up 3% on September.\n\nBest,\nSam";

        assertThat(FactCheck.unsupported(draft, november)).containsExactly("412,000 EUR", "3%", "September");
        assertThat(FactCheck.problem(draft, november)).hasValue(
                "the draft says '412,000 EUR', '3%' and 'September', which are not in the request or its thread");
    }

    @Test
    void rejectsAnotherCustomersFolderAndFile() {
        FactCheck.Sources contract = request("Jonas Lind <jonas@brightwater.se>",
                "Hello Sam,\n\ncould you send us the signed service contract?\n\nJonas");
        String folder = "Hi Jonas,\n\nhere is the signed service contract; it is also in S:\\Customers\\Nordhavn\\Contracts.\n\n"
                + "Best,\nSam";
        String file = "Hi Jonas,\n\nsure, the signed service contract is attached, with the Q3 figures.xlsx you asked for.\n\n"
                + "Best,\nSam";

        assertThat(FactCheck.problem(folder, contract)).hasValue(
                "the draft says 'S:\\Customers\\Nordhavn\\Contracts', which is not in the request or its thread");
        assertThat(FactCheck.problem(file, contract)).hasValue(
                "the draft says 'Q3 figures.xlsx', which is not in the request or its thread");
        assertThat(FactCheck.unsupported("Hi Jonas,\n\nsee /shares/customers/nordhavn/contracts/ or"
                + " https://files.lumen.dev/nordhavn.\n\nBest,\nSam", contract))
                .containsExactly("/shares/customers/nordhavn/contracts/", "https://files.lumen.dev/nordhavn");
    }

    @Test
    void rejectsAnotherExchangesFindingsInAnHrReply() {
        FactCheck.Sources hr = request("Lena Hoff <lena.hoff@lumen.dev>",
                "Hi Sam,\n\ncould you send me the signed onboarding checklist for Tom?\n\nThanks,\nLena");
        String draft = "Hi Lena,\n\nhere is the signed onboarding checklist for Tom. As discussed, the audit at Brightwater"
                + " found 3 open findings; see the CAPA list from auditor@brightwater.se.\n\nBest,\nSam";

        assertThat(FactCheck.unsupported(draft, hr)).containsExactly("Brightwater", "3", "CAPA", "auditor@brightwater.se");
    }

    @Test
    void passesDraftsThatStateOnlyTheRequestsThreadsOrInstructionsFacts() {
        FactCheck.Sources po = new FactCheck.Sources(
                "From: Carla Diaz <carla@acme-supplies.com>\nSubject: Purchase order 7781\n\n"
                        + "Dear Sam,\n\ncould you send us a copy of purchase order 7781 (4120 chairs)? Details: https://acme.example/po\n\nCarla",
                List.of("From: Carla Diaz <carla@acme-supplies.com>\nSubject: Delivery\n\nThe chairs ship on Tuesday, 2024-11-12."),
                "Say I can call at 14:00.", "Carla Diaz <carla@acme-supplies.com>\n" + SAM);

        for (String good : List.of(
                "Hi Carla,\n\nof course, here is a copy of purchase order 7781.\n\nBest regards,\nSam",
                "Dear Carla Diaz,\n\nattached is purchase order 7781 for the 4,120 chairs shipping on Tuesday 12 at"
                        + " https://acme.example/po. ACME can reach me at 14:00.\n\nKind regards,\nSam Lee",
                "Hi Carla,\n\nOctober works. I'll send it today.\n\nThanks,\nSam",
                "Dear Ms Diaz, Hi All,\n\nhere it is.\n\nSam")) {
            assertThat(FactCheck.problem(good, po)).as(good).isEmpty();
        }
    }

    @Test
    void judgesAReportedDraftAgainstItsRecordedRequest() {
        BriefingReport.Request request = new BriefingReport.Request("Ben Okafor <ben@lumen.dev>", "Slides",
                "could you send me the slides from the architecture review?", List.of(), "", SAM);
        BriefingReport.Draft good = new BriefingReport.Draft("m1", "Ben Okafor <ben@lumen.dev>", "Re: Slides",
                "Hi Ben,\n\nsure, here are the slides from the architecture review.\n\nBest,\nSam", "", "", "Attach them.", request);
        BriefingReport.Draft leaked = new BriefingReport.Draft("m1", "Ben Okafor <ben@lumen.dev>", "Re: Slides",
                "Hi Ben,\n\nhere are the slides from Monday's all-hands.\n\nBest,\nSam", "", "", "", request);

        assertThat(good.factProblem()).isEmpty();
        assertThat(leaked.factProblem()).get().asString().contains("'Monday'");
    }
}
