package org.jisr.gateway.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Staff accounts in the store, and Spring Security's view of them. */
public final class StaffAccounts implements UserDetailsService {

    private final Store store;
    private final PasswordEncoder encoder;

    public StaffAccounts(Store store, PasswordEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    public Optional<StaffAccount> find(String username) {
        return store.hashGet(store.keys().staff(), username).map(j -> Json.read(j, StaffAccount.class));
    }

    public List<StaffAccount> all() {
        return store.hashAll(store.keys().staff()).values().stream().map(j -> Json.read(j, StaffAccount.class)).toList();
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

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffAccount a = find(username).orElseThrow(() -> new UsernameNotFoundException("no such staff account"));
        return User.withUsername(a.username()).password(a.passwordHash()).disabled(!a.enabled())
                .roles(a.roles().stream().map(Enum::name).toArray(String[]::new)).build();
    }
}
