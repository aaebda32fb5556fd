package org.jisr.gateway.security;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Staff accounts in the store, and Spring Security's view of them. */
public final class StaffAccounts implements UserDetailsService {

    public static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 200;

    private final Store store;
    private final PasswordEncoder encoder;

    public StaffAccounts(Store store, PasswordEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    public Optional<StaffAccount> find(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        return store.hashGet(store.keys().staff(), username).map(j -> Json.read(j, StaffAccount.class));
    }

    public List<StaffAccount> all() {
        return store.hashAll(store.keys().staff()).values().stream().map(j -> Json.read(j, StaffAccount.class))
                .sorted(Comparator.comparing(StaffAccount::username)).toList();
    }

    /** Creates or updates an account; the password is hashed here and never stored in clear. */
    public StaffAccount save(String username, String rawPassword, Set<StaffAccount.Role> roles) {
        Optional<StaffAccount> cur = find(username);
        String hash = cur.filter(a -> encoder.matches(rawPassword, a.passwordHash()))
                .map(StaffAccount::passwordHash).orElseGet(() -> encoder.encode(rawPassword));
        StaffAccount a = new StaffAccount(username, hash, roles, true);
        store.hashPut(store.keys().staff(), username, Json.write(a));
        return a;
    }

    /**
     * Creates an account or changes one: a null password keeps the current one (required for a new account),
     * null roles keep the current roles, null {@code enabled} keeps the current state. Throws
     * {@link IllegalArgumentException} naming the bad field.
     */
    public StaffAccount upsert(String username, String rawPassword, Set<StaffAccount.Role> roles, Boolean enabled) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: letters, digits, '.', '_', '@' or '-' only (1 to 64)");
        }
        Optional<StaffAccount> cur = find(username);
        if (rawPassword != null && (rawPassword.length() < MIN_PASSWORD || rawPassword.length() > MAX_PASSWORD)) {
            throw new IllegalArgumentException("password: " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (cur.isEmpty() && rawPassword == null) {
            throw new IllegalArgumentException("password: required for a new account");
        }
        Set<StaffAccount.Role> r = roles != null ? roles : cur.map(StaffAccount::roles).orElse(null);
        if (r == null || r.isEmpty()) {
            throw new IllegalArgumentException("roles: at least one of LIAISON, EDITOR, ADMIN");
        }
        String hash = rawPassword != null ? encoder.encode(rawPassword) : cur.get().passwordHash();
        boolean on = enabled != null ? enabled : cur.map(StaffAccount::enabled).orElse(true);
        StaffAccount a = new StaffAccount(username, hash, r, on);
        store.hashPut(store.keys().staff(), username, Json.write(a));
        return a;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffAccount a = find(username).orElseThrow(() -> new UsernameNotFoundException("no such staff account"));
        return User.withUsername(a.username()).password(a.passwordHash()).disabled(!a.enabled())
                .roles(a.roles().stream().map(Enum::name).toArray(String[]::new)).build();
    }
}
