package dev.aios.toolpacks.dev.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One database the sql tools may use: its name for the planner, its JDBC URL and credentials.
 * The password never leaves this class: {@link #scrub} takes it (and any {@code password=} in
 * the URL) out of every message before a result, error or log line is written.
 *
 * @param name the name tools refer to it by
 * @param url the JDBC URL
 * @param user the user, or null when the URL carries it
 * @param password the password, or null
 */
public record SqlDatabase(String name, String url, @Nullable String user, @Nullable String password) {
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|passwd|pwd)=[^;&?]*");
    private static final Set<String> LOCAL_HOSTS = Set.of("", "localhost", "127.0.0.1", "[::1]", "::1");

    /** Validates. */
    public SqlDatabase {
        Objects.requireNonNull(name, "database name");
        Objects.requireNonNull(url, "JDBC URL of database " + name);
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("database name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the URL of database " + name + " must be a JDBC URL (jdbc:...)");
        }
    }

    /** Opens a connection; its failure message is scrubbed. */
    Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot connect to database '" + name + "': " + scrub(e.getMessage()));
        }
    }

    /** @return {@code text} with the password and URL secrets replaced by {@code ***} */
    String scrub(@Nullable String text) {
        if (text == null) {
            return "(no message)";
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "***");
        }
        return URL_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=***"));
    }

    /** @return whether the database is reached over the network, on another machine */
    boolean remote() {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:")) {
            return false;
        }
        int start = u.indexOf("//");
        if (start < 0) {
            return false; // jdbc:postgresql:db means localhost
        }
        int end = start + 2;
        while (end < u.length() && "/?;,".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String host = u.substring(start + 2, end);
        if (host.startsWith("[")) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else if (host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        return !LOCAL_HOSTS.contains(host);
    }

    @Override
    public String toString() {
        return "SqlDatabase[" + name + ", " + scrub(url) + "]";
    }
}
