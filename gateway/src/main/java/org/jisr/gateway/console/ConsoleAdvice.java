package org.jisr.gateway.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.security.StaffAccount;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;

/** What every console page needs: the language and direction, who is signed in, and the time format. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE) // ahead of the API's JSON errors
class ConsoleAdvice {

    private final ConsoleFormat format;
    private final LocaleResolver locales;

    ConsoleAdvice(ConsoleFormat format, LocaleResolver locales) {
        this.format = format;
        this.locales = locales;
    }

    @ModelAttribute
    void common(HttpServletRequest req, org.springframework.ui.Model model) {
        Locale locale = locales.resolveLocale(req);
        boolean en = "en".equals(locale.getLanguage());
        model.addAttribute("lang", en ? "en" : "ar");
        model.addAttribute("dir", en ? "ltr" : "rtl");
        model.addAttribute("otherLang", en ? "ar" : "en");
        model.addAttribute("path", req.getRequestURI());
        model.addAttribute("fmt", format);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && StaffAccount.Role.LIAISON.heldBy(auth);
        model.addAttribute("me", signedIn ? auth.getName() : null);
        model.addAttribute("isEditor", signedIn && StaffAccount.Role.EDITOR.heldBy(auth));
        model.addAttribute("isAdmin", signedIn && StaffAccount.Role.ADMIN.heldBy(auth));
    }

    /** Not found / not allowed / conflict on a console page: a page saying so (never a stack trace). */
    @org.springframework.web.bind.annotation.ExceptionHandler(ActionException.class)
    String failed(ActionException e, HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res, org.springframework.ui.Model model) {
        common(req, model);
        res.setStatus(e.status());
        model.addAttribute("status", e.status());
        model.addAttribute("message", e.getMessage());
        return "console/problem";
    }
}
