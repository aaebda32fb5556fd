package org.jisr.gateway.console;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The login page at /console (the signed-in go on to the case queue) and the "not allowed" page. */
@Controller
class ConsoleController {

    @GetMapping("/console")
    String console(Authentication auth) {
        if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getPrincipal())) {
            return "redirect:/console/cases";
        }
        return "console/login";
    }

    @RequestMapping("/console/denied")
    String denied(jakarta.servlet.http.HttpServletResponse res) {
        res.setStatus(403);
        return "console/denied";
    }
}
