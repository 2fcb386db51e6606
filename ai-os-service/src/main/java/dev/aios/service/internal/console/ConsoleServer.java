package dev.aios.service.internal.console;

import io.javalin.Javalin;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console of {@code aios serve}: server-rendered pages over a {@link ConsoleBackend},
 * locked to a token, on 127.0.0.1 by default.
 *
 * <p>Security: every request needs either {@code Authorization: Bearer <token>} or the
 * {@code aios_session} cookie, which a GET with {@code ?token=<token>} (the link printed at
 * start, {@link #loginUrl()}) creates before redirecting to the same address without the token.
 * A POST with the cookie also needs the session's CSRF token (header {@code X-CSRF-Token}, or form
 * field {@code _csrf}) and, where the browser sends {@code Origin} or {@code Sec-Fetch-Site}, a
 * same-origin value. Every answer carries a strict Content-Security-Policy (no inline script or
 * style), {@code nosniff}, {@code no-referrer} and {@code no-store}. All HTML is built with
 * j2html, so every text from the backend is escaped.
 *
 * <p>Stable markup, for end-to-end tests (ids with {@code #}, classes with {@code .}):
 * <ul>
 *   <li>layout: {@code meta[name=csrf-token]}, {@code meta[name=htmx-config]}, {@code #top},
 *       {@code #user}, {@code #nav} (links {@code a.nav-briefing}, {@code .nav-approvals},
 *       {@code .nav-runs}, {@code .nav-memory}, {@code .nav-brains}; the current one has
 *       {@code aria-current=page}), {@code #content}, {@code #error} (an {@code .error} element
 *       that htmx fills with a 4xx answer's message)</li>
 *   <li>{@code /}: {@code #briefing}, {@code #briefing-time}, {@code #no-briefing};
 *       {@code table#triage} with {@code tr.triage-item[data-message-id]} and cells
 *       {@code .from .subject .label .confidence .reasons}, a {@code form.correct-label} with
 *       {@code select[name=label]} and {@code button.correct}; {@code #drafts} with
 *       {@code div.draft[data-message-id]}, {@code form.draft-edit},
 *       {@code textarea[name=text]}, {@code button.save-draft}, {@code .draft-status};
 *       {@code #meetings} with {@code div.meeting} ({@code .attendees}, {@code .open-threads},
 *       {@code .last-notes}); {@code ul#limitations}</li>
 *   <li>{@code /approvals}: {@code #approvals}, {@code #no-approvals},
 *       {@code div.approval[data-request-id]} with {@code .tool-name}, {@code .goal},
 *       {@code pre.arguments}, {@code ul.risk}, {@code .policy}, {@code table.flows}
 *       ({@code tr.flow}, {@code tr.flow.untrusted}), {@code .expiry},
 *       {@code form.approve} ({@code input[name=note]}, {@code button.approve}),
 *       {@code form.deny} ({@code input[name=reason]}, {@code button.deny}); after an answer
 *       {@code div.approval.answered} with {@code .outcome}</li>
 *   <li>{@code /runs}: {@code form#goal-form} ({@code textarea[name=goal]}), {@code #goal-result},
 *       {@code a.run-link}; {@code table#runs} with {@code tr.run[data-run-id]} and cells
 *       {@code .goal .state .status .steps .tokens .cost .started}</li>
 *   <li>{@code /runs/{id}}: {@code #run[data-run-id]}, {@code #run-goal}, {@code #run-state},
 *       {@code #run-status}, {@code #timeline} of {@code li.event[data-type]} with
 *       {@code .event-time .event-type .event-step .event-message}; {@code li.event.dropped}
 *       when a slow connection lost events</li>
 *   <li>{@code /memory}: {@code form#memory-search} ({@code q}, {@code layer} checkboxes,
 *       {@code from}, {@code to}), {@code #hits}, {@code #no-hits},
 *       {@code div.hit[data-memory-id]} with {@code .hit-text .hit-layer .hit-time .hit-score
 *       .hit-why} and {@code form.forget} / {@code button.forget}</li>
 *   <li>{@code /brains}: {@code table#brains} with {@code tr.brain} and cells
 *       {@code .name .where .calls .failures .latency .cost .breaker}; {@code #cost-saved}</li>
 * </ul>
 *
 * <p>Assets: {@code /assets/htmx.min.js} and {@code /assets/sse.js} (from the htmx webjars) and
 * {@code /assets/console.css} (this package's {@code console.css}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

    private final Javalin app;
    private final String token;
    private final String baseUrl;

    private final RunEventStream events;

    private ConsoleServer(Javalin app, String token, String baseUrl, RunEventStream events) {
        this.app = app;
        this.token = token;
        this.baseUrl = baseUrl;
        this.events = events;
    }

    /**
     * Starts the console. The token file, if any, is written before the server listens.
     *
     * @throws UncheckedIOException when the token file cannot be written
     * @throws IllegalStateException when an asset is missing from the class path, or the port is taken
     */
    public static ConsoleServer start(ConsoleBackend backend, Options options) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(options, "options");
        String token = options.token() != null ? options.token() : randomToken();
        if (options.tokenFile() != null) {
            TokenFile.write(options.tokenFile(), token);
        }
        ConsoleGuard guard = new ConsoleGuard(token);
        ConsoleAssets assets = ConsoleAssets.load();
        RunEventStream events = new RunEventStream(backend, options.heartbeat(), options.eventBuffer());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // an SSE client holds its thread while it listens: virtual threads make that cheap
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            new ConsoleRoutes(backend, guard, assets, options, events).register(config.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the console could not listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        String base = "http://" + urlHost(options.host()) + ":" + app.port() + "/";
        log.info("console listening on {} (open the link printed at start to sign in)", base);
        return new ConsoleServer(app, token, base, events);
    }

    /** @return the port the console listens on */
    public int port() {
        return app.port();
    }

    /** @return the console's address, such as {@code http://127.0.0.1:8080/} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the one-time sign-in link: {@link #baseUrl()} with {@code ?token=}; print it, never log it */
    public String loginUrl() {
        return baseUrl + "?token=" + token;
    }

    /** @return the token, for the CLI's {@code Authorization: Bearer} header */
    public String token() {
        return token;
    }

    /** Stops listening; open SSE streams end. */
    @Override
    public void close() {
        // Live timelines end first, while the server still runs: a stream that wrote after the stop
        // would write into a recycled response.
        try {
            if (!events.closeAll(Duration.ofSeconds(2))) {
                log.warn("some live timelines did not end within 2 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The host to put in a link: loopback when bound to every interface, IPv6 in brackets. */
    private static String urlHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            return host;
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * How the console listens.
     *
     * @param host the address to bind; default {@code 127.0.0.1}, so only this machine can reach it
     * @param port the port; 0 (the default) takes any free port
     * @param token the secret a client must present; null (the default) draws 32 random bytes
     * @param tokenFile where to write the token (owner read/write only) for the CLI, or null
     * @param metrics the Prometheus text for {@code /metrics}, or null to answer 404 there
     * @param heartbeat how often an idle event stream sends a comment, which also notices a
     *     client that went away; default 15 seconds
     * @param eventBuffer how many events one event stream holds for a slow client before it drops
     *     the oldest; default 256
     */
    public record Options(String host, int port, @Nullable String token, @Nullable Path tokenFile,
            @Nullable Supplier<String> metrics, Duration heartbeat, int eventBuffer) {

        /** Validates. */
        public Options {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("console host must not be blank; use 127.0.0.1 for this machine only");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("console port must be 0 (any free port) to 65535, was " + port);
            }
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("console token must have at least 16 characters, had "
                        + token.length() + "; leave it unset to draw a random one");
            }
            if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("console heartbeat must be positive, was " + heartbeat);
            }
            if (eventBuffer < 1) {
                throw new IllegalArgumentException("console event buffer must be at least 1, was " + eventBuffer);
            }
        }

        /** @return the defaults: 127.0.0.1, any free port, a random token, no token file, no metrics */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, null, null, Duration.ofSeconds(15), 256);
        }

        /** @return these options, bound to {@code host} */
        public Options withHost(String host) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, on {@code port} (0: any free port) */
        public Options withPort(int port) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, with a fixed token (at least 16 characters) */
        public Options withToken(@Nullable String token) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, writing the token to {@code tokenFile} */
        public Options withTokenFile(@Nullable Path tokenFile) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, serving {@code metrics} at {@code /metrics} */
        public Options withMetrics(@Nullable Supplier<String> metrics) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, with an event stream heartbeat of {@code heartbeat} */
        public Options withHeartbeat(Duration heartbeat) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }

        /** @return these options, holding at most {@code eventBuffer} events per slow client */
        public Options withEventBuffer(int eventBuffer) {
            return new Options(host, port, token, tokenFile, metrics, heartbeat, eventBuffer);
        }
    }
}
