package org.jisr.gateway.security;

import java.util.Set;

/** A staff login: the password only as a hash (Spring Security's delegating encoder, bcrypt by default). */
public record StaffAccount(String username, String passwordHash, Set<Role> roles, boolean enabled) {

    public StaffAccount {
        roles = Set.copyOf(roles);
    }

    /** ADMIN includes EDITOR, which includes LIAISON. */
    public enum Role { LIAISON, EDITOR, ADMIN }
}
