package org.jisr.gateway.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A staff login: the password only as a hash (Spring Security's delegating encoder, bcrypt by default). */
public record StaffAccount(String username, String passwordHash, Set<Role> roles, boolean enabled) {

    public StaffAccount {
        roles = Set.copyOf(roles);
    }

    /** ADMIN includes EDITOR, which includes LIAISON. */
    public enum Role {
        LIAISON, EDITOR, ADMIN;

        /** True when the signed-in user has this role or a higher one. */
        public boolean heldBy(Authentication auth) {
            return auth != null && heldBy(auth.getAuthorities());
        }

        public boolean heldBy(Collection<? extends GrantedAuthority> authorities) {
            for (GrantedAuthority g : authorities) {
                for (Role r : values()) {
                    if (("ROLE_" + r.name()).equals(g.getAuthority()) && r.ordinal() >= ordinal()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The highest role. */
    public Role topRole() {
        return roles.stream().max(Enum::compareTo).orElse(Role.LIAISON);
    }
}
