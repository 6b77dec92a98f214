package dev.taskflow.panel.checks;

import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;

/** Reads a JWT's claims without trusting them (verification is the JWT check's job). */
final class TokenClaims {

    private TokenClaims() {
    }

    static String subject(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        }
        catch (ParseException ex) {
            return null;
        }
    }
}
