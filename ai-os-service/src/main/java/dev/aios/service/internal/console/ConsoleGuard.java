package dev.aios.service.internal.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Who may talk to the console: the token holder, by {@code Authorization: Bearer} or by the
 * session cookie that the one-time link creates; and, for a browser's POST, only the console's
 * own pages (CSRF token and same-origin headers). Also sets the headers every answer carries.
 */
final class ConsoleGuard {
    /** The session cookie's name. */
    static final String COOKIE = "aios_session";
    /** The request attribute holding the caller's {@link Session}, absent for Bearer callers. */
    static final String SESSION_ATTRIBUTE = "aios.session";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'";

    // each click on the link makes a session; keep the newest few so that clicks cannot grow memory
    private static final int MAX_SESSIONS = 64;

    private final byte[] token;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A signed-in browser. */
    record Session(String id, String csrf, Instant created) {}

    /** A request the guard turns away; the console answers it with a short plain page. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    ConsoleGuard(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets the headers every answer carries, refusals and errors included. */
    static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
    }

    /**
     * Lets the request through, redirects a sign-in link, or throws {@link Refused}.
     *
     * @return true when the request was answered here (the sign-in redirect) and must go no further
     */
    boolean check(Context ctx) {
        secureHeaders(ctx);
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (matches(authorization.substring(7).strip())) {
                return false; // no ambient credential: a Bearer caller needs no CSRF token
            }
            throw new Refused(401, "Wrong token.");
        }
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        String offered = ctx.queryParam("token");
        if (offered != null && read) {
            if (!matches(offered)) {
                throw new Refused(401, "That link is out of date.");
            }
            Session session = newSession();
            ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect(withoutToken(ctx.path(), ctx.queryString()), io.javalin.http.HttpStatus.SEE_OTHER);
            return true;
        }
        Session session = sessionOf(ctx.cookie(COOKIE));
        if (session == null) {
            throw new Refused(401, "Not signed in.");
        }
        ctx.attribute(SESSION_ATTRIBUTE, session);
        if (!read) {
            checkSameOrigin(ctx);
            String csrf = ctx.header("X-CSRF-Token");
            if (csrf == null && isForm(ctx)) {
                csrf = ctx.formParam("_csrf");
            }
            if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    session.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw new Refused(403, "This request did not come from a console page (no valid CSRF token)."
                        + " Reload the page and try again.");
            }
        }
        return false;
    }

    /** @return the caller's session, or null for a Bearer caller */
    static @Nullable Session session(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    private void checkSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new Refused(403, "Cross-site request refused (Sec-Fetch-Site: " + site + ").");
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String host = ctx.header("Host");
            if (host == null || !origin.equalsIgnoreCase("http://" + host)) {
                throw new Refused(403, "Cross-site request refused (Origin does not match this console).");
            }
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data"));
    }

    private boolean matches(String offered) {
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), token);
    }

    private @Nullable Session sessionOf(@Nullable String id) {
        return id == null || id.isEmpty() ? null : sessions.get(id);
    }

    private Session newSession() {
        if (sessions.size() >= MAX_SESSIONS) {
            List<Session> all = new ArrayList<>(sessions.values());
            all.sort(Comparator.comparing(Session::created));
            for (int i = 0; i <= all.size() - MAX_SESSIONS; i++) {
                sessions.remove(all.get(i).id());
            }
        }
        Session session = new Session(randomId(), randomId(), Instant.now());
        sessions.put(session.id(), session);
        return session;
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The same address without {@code token}; a path that could leave this host becomes {@code /}. */
    static String withoutToken(String path, @Nullable String query) {
        String safePath = path.startsWith("/") && !path.startsWith("//") && path.indexOf('\\') < 0 ? path : "/";
        if (query == null || query.isEmpty()) {
            return safePath;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            String name = URLDecoder.decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair,
                    StandardCharsets.UTF_8);
            if (!name.equals("token") && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? safePath : safePath + "?" + String.join("&", kept);
    }
}
