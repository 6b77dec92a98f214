package dev.taskflow.panel.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTests {

    private final SecretMasker masker = new SecretMasker();

    @Test
    void secretFieldsOfJsonAreHiddenButTheirNeighboursStay() {
        String masked = masker.mask("{\"email\":\"a@b.c\",\"password\":\"hunter22\",\"access_token\":\"abc\","
                + "\"token_type\":\"bearer\",\"BETTER_AUTH_SECRET\":\"x\",\"DATABASE_URL\":\"postgresql://u:p@h/db\"}");

        assertThat(masked).isEqualTo("{\"email\":\"a@b.c\",\"password\":\"••••\",\"access_token\":\"••••\","
                + "\"token_type\":\"bearer\",\"BETTER_AUTH_SECRET\":\"••••\",\"DATABASE_URL\":\"••••\"}");
    }

    @Test
    void jwtsAnywhereBecomeAFingerprint() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

        String masked = masker.mask("Authorization: Bearer " + jwt + " and again " + jwt);

        assertThat(masked).doesNotContain(jwt)
                .isEqualTo("Authorization: Bearer jwt(" + SecretMasker.fingerprint(jwt) + ") and again jwt("
                        + SecretMasker.fingerprint(jwt) + ")");
    }

    @Test
    void passwordsInsideUrlsAreHiddenAndTheRestStays() {
        assertThat(masker.mask("DATABASE_URL=postgresql+asyncpg://taskflow:s3cret%21@db.example:5432/app?ssl=require"))
                .isEqualTo("DATABASE_URL=postgresql+asyncpg://taskflow:••••@db.example:5432/app?ssl=require");
        assertThat(masker.mask("see http://127.0.0.1:8000/health")).isEqualTo("see http://127.0.0.1:8000/health");
    }

    @Test
    void opaqueBearerTokensAreHidden() {
        assertThat(masker.mask("authorization: bearer s3cr3t-opaque")).isEqualTo("authorization: bearer ••••");
    }

    @Test
    void fingerprintsAreShortStableAndDifferPerSecret() {
        assertThat(SecretMasker.fingerprint("one")).matches("sha256:[0-9a-f]{8}").isEqualTo(SecretMasker.fingerprint("one"))
                .isNotEqualTo(SecretMasker.fingerprint("two"));
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void rememberedValuesAreHiddenWhereverTheyAppearAndShortOnesAreLeftAlone() {
        masker.remember("canary-4f1d9a7e-openai-key");
        masker.remember("true");

        String masked = masker.mask("OPENAI_API_KEY=canary-4f1d9a7e-openai-key DEBUG=true");

        assertThat(masked).isEqualTo("OPENAI_API_KEY=•••• DEBUG=true");
    }
}
