package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.AiOsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A morning briefing's sample world, written by the project itself so the main job needs no
 * data from outside: two weeks of the user's mail (a Maildir inbox and a {@code .Sent} folder of
 * the user's own replies), a calendar with two meetings today and the past meetings with the same
 * people, a Slack export with a thread about a fault, and a tracker. There are seven
 * ({@link Sample}): a software product lead's (about 60 messages), a construction site
 * manager's, a university lab manager's, a middle school assistant principal's, a
 * manufacturing company's financial controller's, a SaaS startup's head of customer support's
 * and a hospital surgical ward's nurse unit manager's (about 90 each). Dated relative to
 * {@code today}; every other choice comes from a fixed seed, so the same day gives the same
 * bytes. The text (mails, replies, meetings, chat, tracker items) lives in resource files under
 * {@code dev/aios/samples/briefing/world/} (and {@code world-site/}, {@code world-lab/},
 * {@code world-school/}, {@code world-finance/}, {@code world-support/}, {@code world-ward/});
 * {@link BriefingWorldWriter} turns them into the files below.
 *
 * <p>Layout under the root: {@code mail/} (Maildir: {@code cur/}, {@code .Sent/cur/}),
 * {@code calendar/work.ics}, {@code chat/} (Slack export), {@code tracker.json},
 * {@code truth/labels.json} (the hidden true triage label of every inbox message, by
 * Message-ID: read by the measurements only, never by the agent), {@code truth/details.json}
 * (where a world has it: which messages are phishing and what deadline a message states),
 * {@code state/} (what the
 * agent keeps between runs) and {@code out/} (the briefing, drafts).
 */
public final class BriefingWorld {
    /** The user whose world this is; for writing the world only (the agent reads {@link #setup()}). */
    public static final String USER_NAME = "Sam Lee";
    /** The user's address; for writing the world only (the agent reads {@link #setup()}). */
    public static final String USER_ADDRESS = "sam@lumen.dev";

    /**
     * The sample worlds the project ships: each is a person with their own mail, calendar, chat
     * and tracker, written from the fixture text in its own resource folder.
     */
    public enum Sample {
        /**
         * Sam Lee, product lead at a software company (lumen.dev): about 60 inbox messages, the
         * world every other test and the CLI use.
         */
        PRODUCT_LEAD("world/", BriefingUser.of(USER_NAME, USER_ADDRESS), 20_260_701L),
        /**
         * Rhiannon Price, site manager for a building contractor in Greater Manchester
         * (harwoodbaines.co.uk), who also receives mail at an alias: about 90 inbox messages from
         * subcontractors, suppliers, the client's side, building control and automated systems,
         * phishing included; British dates and money. Written apart from the triage code, to
         * measure it on mail it was not tuned on.
         */
        SITE_MANAGER("world-site/", BriefingUser.of("Rhiannon Price", "rhiannon.price@harwoodbaines.co.uk",
                "r.price@harwoodbaines.co.uk"), 19_840_312L),
        /**
         * Maaike Verhoeven, lab manager of a structural biochemistry group at a Dutch university
         * (uni-rijnstad.nl), who receives mail at two aliases: about 90 inbox messages from the
         * group, the faculty's biosafety, facility, HR and finance staff, suppliers, booking,
         * purchasing, HR and ticketing systems, newsletters and seven phishing mails; Dutch dates
         * ({@code 12-03-2026}), week numbers and euros, many writers not native in English.
         * Written by someone who did not read the triage code, after the triage was tuned on the
         * other two: held out, to score it once on mail nobody tuned on.
         */
        LAB_MANAGER("world-lab/", BriefingUser.of("Maaike Verhoeven", "maaike.verhoeven@uni-rijnstad.nl",
                "m.verhoeven@uni-rijnstad.nl", "m.g.verhoeven@uni-rijnstad.nl"), 20_110_914L),
        /**
         * Andrea Castellano, assistant principal of Pinecrest Middle School in an Ohio suburban
         * district (wexlerfalls.k12.oh.us), who receives mail at two aliases (the school's
         * assistant-principal mailbox and a long form of her name): about 95 inbox messages from
         * teachers and staff, parents (anxious, angry, grateful, some not native in English), the
         * district office (HR, transportation, special education, facilities, the IT help desk),
         * the student information system, the learning platform, the substitute, field-trip,
         * purchasing and timecard systems, vendors, the PTA, the teachers' union rep, state
         * newsletters, conference promotions and seven phishing mails; American dates
         * ({@code 03/12/2026}, {@code Thursday, March 12}), dollars and 12-hour times. Written by
         * someone who did not read the triage code: held out, to score it once on mail nobody
         * tuned on.
         */
        SCHOOL_LEADER("world-school/", BriefingUser.of("Andrea Castellano", "acastellano@wexlerfalls.k12.oh.us",
                "pinecrest.ap@wexlerfalls.k12.oh.us", "andrea.castellano@wexlerfalls.k12.oh.us"), 20_150_826L),
        /**
         * Aparna Gokhale, financial controller of a manufacturing company in Pune, India
         * (indrayaniprecision.com), who receives mail at two aliases: about 95 inbox messages from
         * the CFO, the accounts payable and receivable team, plant managers, the statutory
         * auditors, the tax consultant, the bank, vendors and customers' finance teams, SAP,
         * expense and service desk workflows, newsletters and eight phishing mails; Indian dates
         * ({@code 12-Mar-2026}, {@code 12.03.2026}), rupees in lakh and crore, Indian English.
         * Written by someone who did not read the triage code: held out, to score it once on mail
         * nobody tuned on.
         */
        FINANCE_CONTROLLER("world-finance/", BriefingUser.of("Aparna Gokhale", "aparna.gokhale@indrayaniprecision.com",
                "controller@indrayaniprecision.com", "a.gokhale@indrayaniprecision.com"), 19_950_526L),
        /**
         * Olivier Brassard, head of customer support at a 60-person B2B SaaS startup in Montreal
         * that sells appointment booking and reminder software to clinics (ruellehq.com), who
         * receives mail at two aliases: about 95 inbox messages from his bilingual support team
         * (some in French, some mixing French and English), engineering (GitHub review requests,
         * Jira, PagerDuty incidents), the Zendesk helpdesk (escalations, SLA warnings, satisfaction
         * digests), customers (angry, polite, an enterprise prospect's procurement), sales and
         * customer success, the CEO, HR, finance, legal, SaaS vendors, recruiters, promotions,
         * newsletters and eight phishing mails; Canadian dates ({@code 2026-03-12},
         * {@code Thursday 12 March}), dollars in CAD. Written by someone who did not read the
         * triage code: held out, to score it once on mail nobody tuned on.
         */
        SUPPORT_LEAD("world-support/", BriefingUser.of("Olivier Brassard", "olivier.brassard@ruellehq.com",
                "olivier@ruellehq.com", "support.lead@ruellehq.com"), 19_760_717L),
        /**
         * Callum Ferris, nurse unit manager of Ward 5C, a 28-bed general and colorectal surgical
         * ward at Oxley Creek Hospital, a public hospital in Brisbane, Australia
         * (bwhealth.qld.gov.au), who receives mail at two aliases (the ward's NUM role mailbox and
         * a short form of his name): about 90 inbox messages from his nurses (anxious new
         * graduates included), the after-hours nurse managers, the ward's consultants and
         * registrars, the director of nursing, patient flow, pharmacy, infection control, HR,
         * payroll, biomedical engineering and the patient liaison service, the rostering, casual
         * pool, timesheet, incident-reporting, training, access-request and invoice workflows, an
         * agency-nurse vendor, the union, equipment suppliers, newsletters, conference promotions,
         * recruiters and eight phishing mails; Australian dates ({@code 12/03/2026},
         * {@code Thursday 12 March}), dollars with GST, 24-hour times. Written by someone who did
         * not read the triage code: held out, to score it once on mail nobody tuned on.
         */
        WARD_MANAGER("world-ward/", BriefingUser.of("Callum Ferris", "callum.ferris@bwhealth.qld.gov.au",
                "num.ward5c@bwhealth.qld.gov.au", "c.ferris@bwhealth.qld.gov.au"), 20_030_817L);

        private final String folder;
        private final BriefingUser user;
        private final long seed;

        Sample(String folder, BriefingUser user, long seed) {
            this.folder = folder;
            this.user = user;
            this.seed = seed;
        }

        /** @return the user of this world: name, main address first, then aliases */
        public BriefingUser user() {
            return user;
        }

        /** @return the resource folder of the fixture text, under {@code dev/aios/samples/briefing/} */
        String folder() {
            return folder;
        }

        /** @return the seed of the world's random draws (hours, reference numbers) */
        long seed() {
            return seed;
        }
    }

    /**
     * The hidden truth about one inbox message, beyond its label; for measurements only.
     *
     * @param label the triage label the user would give
     * @param phishing whether it is a phishing or spoofing mail (labelled {@code noise})
     * @param deadline for a message that needs the user, the deadline as the mail states it
     *     ({@code "by 15:00 today"}); empty when it states none
     */
    public record Truth(String label, boolean phishing, String deadline) {
        /** Rejects a missing label or deadline. */
        public Truth {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a message's truth needs a label, was '" + label + "'");
            }
            if (deadline == null) {
                throw new IllegalArgumentException("a message's deadline is empty when it states none, not null");
            }
        }
    }

    private final Path root;
    private final LocalDate today;
    private final Sample sample;

    private BriefingWorld(Path root, LocalDate today, Sample sample) {
        this.root = root;
        this.today = today;
        this.sample = sample;
    }

    /** Writes the world for today under {@code root}, unless one is already there; see {@link #writeTo(Path, LocalDate)}. */
    public static BriefingWorld writeTo(Path root) {
        return writeTo(root, LocalDate.now());
    }

    /**
     * Writes the first sample world ({@link Sample#PRODUCT_LEAD}); see
     * {@link #writeTo(Path, LocalDate, Sample)}.
     *
     * @throws AiOsException if it cannot be written
     */
    public static BriefingWorld writeTo(Path root, LocalDate today) {
        return writeTo(root, today, Sample.PRODUCT_LEAD);
    }

    /**
     * Writes the sample world dated relative to {@code today} under {@code root} (created), unless
     * the root already holds one ({@code truth/labels.json} exists): then it is opened as it is, so
     * a second run sees what the first left (the tracker, the state). An existing world is taken
     * to be {@code sample}; nothing checks that it was written from it.
     *
     * @throws AiOsException if it cannot be written
     */
    public static BriefingWorld writeTo(Path root, LocalDate today, Sample sample) {
        Objects.requireNonNull(sample, "sample (one of " + java.util.Arrays.toString(Sample.values()) + ")");
        Path absolute = root.toAbsolutePath().normalize();
        BriefingWorld world = new BriefingWorld(absolute, today, sample);
        if (Files.exists(world.labelsFile())) {
            return world;
        }
        try {
            new BriefingWorldWriter(world).write();
        } catch (IOException e) {
            throw AiOsException.permanent("cannot write the briefing world under " + absolute + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        return world;
    }

    /**
     * @return the briefing setup of this world: its sample's user (for the first world
     *     {@value #USER_NAME}, {@value #USER_ADDRESS}), its Maildir (sent mail in {@code .Sent/}),
     *     calendar folder, Slack export, tracker, state, out and day
     */
    public BriefingSetup setup() {
        return BriefingSetup.builder().user(sample.user()).maildir(mail())
                .calendar(calendar()).slackExport(chat()).tracker(tracker()).state(state()).out(out()).today(today)
                .build();
    }

    /** @return which sample world this is */
    public Sample sample() {
        return sample;
    }

    /** @return the world's folder */
    public Path root() {
        return root;
    }

    /** @return the day the world was written for */
    public LocalDate today() {
        return today;
    }

    /** @return the Maildir root: the inbox in {@code cur/}, the user's sent mail in {@code .Sent/} */
    public Path mail() {
        return root.resolve("mail");
    }

    /** @return the folder of ICS calendars */
    public Path calendar() {
        return root.resolve("calendar");
    }

    /** @return the Slack export */
    public Path chat() {
        return root.resolve("chat");
    }

    /** @return the tracker's file */
    public Path tracker() {
        return root.resolve("tracker.json");
    }

    /** @return where the agent keeps what it learned between runs */
    public Path state() {
        return root.resolve("state");
    }

    /** @return where the briefing and drafts are written */
    public Path out() {
        return root.resolve("out");
    }

    /** @return the hidden true labels; only measurements read it */
    public Path labelsFile() {
        return root.resolve("truth").resolve("labels.json");
    }

    /** @return the hidden truth beyond the labels (phishing, deadlines); only measurements read it, and only some worlds have it */
    public Path truthFile() {
        return root.resolve("truth").resolve("details.json");
    }

    /**
     * @return the hidden true label of each inbox message by Message-ID (for measurements only)
     */
    public Map<String, String> trueLabels() {
        try {
            Map<String, String> out = new TreeMap<>();
            BriefingJson.MAPPER.readTree(labelsFile().toFile()).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the true labels " + labelsFile(), e);
        }
    }

    /**
     * @return the hidden truth of each labelled inbox message by Message-ID (for measurements
     *     only): the label, and where the world records it, phishing and the stated deadline
     */
    public Map<String, Truth> truth() {
        Map<String, Truth> out = new TreeMap<>();
        try {
            JsonNode details = Files.exists(truthFile()) ? BriefingJson.MAPPER.readTree(truthFile().toFile())
                    : BriefingJson.MAPPER.createObjectNode();
            trueLabels().forEach((id, label) -> out.put(id, new Truth(label, details.path(id).path("phishing").asBoolean(false),
                    details.path(id).path("deadline").asText(""))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hidden truth " + truthFile(), e);
        }
        return out;
    }
}
