package dev.taskflow.panel.prerequisites;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ToolVersionTests {

    @Test
    void parsesAPlainVersionWithLeadingV() {
        assertThat(ToolVersion.parse("v1.34.0")).isEqualTo(new ToolVersion(1, 34, 0, "v1.34.0"));
    }

    @Test
    void parsesHelmsBuildMetadataAndKeepsItInTheText() {
        assertThat(ToolVersion.parse("v3.16.2+g13654a5")).isEqualTo(new ToolVersion(3, 16, 2, "v3.16.2+g13654a5"));
    }

    @Test
    void parsesAVendorSuffixAfterThePatchNumber() {
        assertThat(ToolVersion.parse("v1.32.4-dispatcher")).isEqualTo(new ToolVersion(1, 32, 4, "v1.32.4-dispatcher"));
    }

    @Test
    void parsesMajorAndMinorOnlyWithPatchZero() {
        assertThat(ToolVersion.parse("1.28")).isEqualTo(new ToolVersion(1, 28, 0, "1.28"));
    }

    @Test
    void findsTheVersionInsideHelmTwosSemVerField() {
        ToolVersion version = ToolVersion.parse(
                "Client: &version.Version{SemVer:\"v2.17.0\", GitCommit:\"a690bad98af45b015bd3da1a41f6218b1a451dbe\", "
                        + "GitTreeState:\"clean\"}");

        assertThat(version).isEqualTo(new ToolVersion(2, 17, 0, "v2.17.0"));
    }

    @Test
    void comparesNumbersNumericallyNotAsText() {
        assertThat(ToolVersion.parse("1.9")).isLessThan(ToolVersion.parse("1.28"));
        assertThat(ToolVersion.parse("v1.34.0")).isGreaterThan(ToolVersion.parse("1.28"));
        assertThat(ToolVersion.parse("2.0")).isGreaterThan(ToolVersion.parse("1.99.99"));
        assertThat(ToolVersion.parse("v3.16.2")).isGreaterThan(ToolVersion.parse("v3.16.1"));
        assertThat(ToolVersion.parse("1.28.0").compareTo(ToolVersion.parse("1.28"))).isZero();
    }

    @Test
    void isAtLeastAcceptsTheMinimumItselfAndIgnoresSuffixes() {
        ToolVersion minimum = ToolVersion.parse("1.28");

        assertThat(ToolVersion.parse("v1.28.0").isAtLeast(minimum)).isTrue();
        assertThat(ToolVersion.parse("v1.34.0").isAtLeast(minimum)).isTrue();
        assertThat(ToolVersion.parse("v1.20.0").isAtLeast(minimum)).isFalse();
        assertThat(ToolVersion.parse("v1.27.99").isAtLeast(minimum)).isFalse();
        assertThat(ToolVersion.parse("v1.32.4-dispatcher").isAtLeast(ToolVersion.parse("1.32.4"))).isTrue();
    }

    @Test
    void printsTheVersionAsTheToolPrintedIt() {
        assertThat(ToolVersion.parse("v3.16.2+g13654a5")).hasToString("v3.16.2+g13654a5");
    }

    @Test
    void findGivesNothingForTextWithoutAVersion() {
        assertThat(ToolVersion.find("command not found")).isEmpty();
        assertThat(ToolVersion.find(null)).isEmpty();
    }

    @Test
    void parseRejectsANonVersionWithAClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> ToolVersion.parse("latest"))
                .withMessage("'latest' is not a version like 1.28");
        assertThatIllegalArgumentException().isThrownBy(() -> ToolVersion.parse("3"))
                .withMessage("'3' is not a version like 1.28");
    }
}
