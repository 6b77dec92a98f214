package dev.taskflow.panel.secrets;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class DatabaseUrlTests {

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2" })
    void everyFlavourTranslatesToTheSameJdbcUrlWithoutCredentials(String scheme) {
        DatabaseUrl url = DatabaseUrl.parse(scheme + "://taskflow:s3cret-pw@db.example.com:6543/app");

        assertThat(url.scheme()).isEqualTo(scheme);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        assertThat(url.maskedTarget()).isEqualTo("taskflow@db.example.com:6543/app");
        assertThat(url.user()).isEqualTo("taskflow");
        assertThat(url.password()).isEqualTo("s3cret-pw");
        assertThat(url.sslMode()).isNull();
    }

    @Test
    void thePasswordTravelsAsAPropertyWithTheTimeoutsInWholeSeconds() {
        Properties properties = DatabaseUrl.parse("postgresql://taskflow:s3cret-pw@db.example.com/app?sslmode=require")
                .properties(Duration.ofMillis(2500));

        assertThat(properties).contains(entry("user", "taskflow"), entry("password", "s3cret-pw"),
                entry("sslmode", "require"), entry("connectTimeout", "3"), entry("socketTimeout", "3"),
                entry("loginTimeout", "3"), entry("ApplicationName", "taskflow-panel database probe"));
    }

    @Test
    void aTimeoutUnderASecondStillGivesTheDriverOneSecond() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@h/d").properties(Duration.ofMillis(200)))
                .contains(entry("connectTimeout", "1"));
    }

    @Test
    void thePortDefaultsTo5432() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@db.example.com/app").port()).isEqualTo(5432);
        assertThat(DatabaseUrl.parse("postgresql://u:p@db.example.com:/app").port()).isEqualTo(5432);
    }

    @Test
    void percentEncodedUserPasswordAndDatabaseAreDecodedAsSqlAlchemyDoes() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%65r:p%40ss%3Aw%2Fo%23rd%25@h/my%20db");

        assertThat(url.user()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("p@ss:w/o#rd%");
        assertThat(url.database()).isEqualTo("my db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my+db");
    }

    @Test
    void aPercentSignNotFollowedByTwoHexDigitsStaysAsItIs() {
        assertThat(DatabaseUrl.parse("postgresql://u:50%off%2@h/d").password()).isEqualTo("50%off%2");
    }

    @Test
    void anUnencodedSlashOrQuestionMarkInThePasswordIsReadAsSqlAlchemyReadsIt() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:a/b?c@h:5433/d");

        assertThat(url.password()).isEqualTo("a/b?c");
        assertThat(url.host()).isEqualTo("h");
        assertThat(url.port()).isEqualTo(5433);
    }

    @Test
    void anIpv6HostKeepsItsBracketsInTheJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[::1]:5432/d");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/d");
        assertThat(url.maskedTarget()).isEqualTo("u@[::1]:5432/d");
    }

    @ParameterizedTest
    @CsvSource({ "ssl=require, require", "ssl=verify-full, verify-full", "ssl=disable, disable",
            "sslmode=verify-ca, verify-ca", "sslmode=REQUIRE, require" })
    void sslParametersBecomeTheJdbcSslMode(String parameter, String mode) {
        assertThat(DatabaseUrl.parse("postgresql+asyncpg://u:p@h/d?" + parameter).sslMode()).isEqualTo(mode);
    }

    @Test
    void asyncpgSslTrueIsReadAsRequireWithAWarningThatAsyncpgRejectsIt() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://u:p@h/d?ssl=true");

        assertThat(url.sslMode()).isEqualTo("require");
        assertThat(url.warnings()).singleElement().asString().contains("ssl=true fails there").contains("ssl=require");
    }

    @Test
    void sslmodeWithAsyncpgWarnsOfTheTypeErrorSqlAlchemyGives() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://u:p@h/d?sslmode=require");

        assertThat(url.sslMode()).isEqualTo("require");
        assertThat(url.warnings()).singleElement().asString()
                .contains("unexpected keyword argument 'sslmode'").contains("write ssl=require");
    }

    @Test
    void sslWithAPsycopgDriverWarnsThatLibpqRejectsIt() {
        assertThat(DatabaseUrl.parse("postgresql+psycopg2://u:p@h/d?ssl=require").warnings()).singleElement()
                .asString().contains("invalid connection option \"ssl\"").contains("sslmode=require");
    }

    @Test
    void thePostgresAliasWarnsThatSqlAlchemyNoLongerReadsIt() {
        assertThat(DatabaseUrl.parse("postgres://u:p@h/d").warnings()).singleElement().asString()
                .contains("write postgresql://");
    }

    @Test
    void neonsChannelBindingIsCarriedOverAndFlaggedForAsyncpg() {
        DatabaseUrl psycopg = DatabaseUrl.parse("postgresql://u:p@ep-x.neon.tech/neondb?sslmode=require&channel_binding=require");
        DatabaseUrl asyncpg = DatabaseUrl.parse("postgresql+asyncpg://u:p@ep-x.neon.tech/neondb?ssl=require&channel_binding=require");

        assertThat(psycopg.extra()).containsExactly(entry("channelBinding", "require"));
        assertThat(psycopg.warnings()).isEmpty();
        assertThat(psycopg.isNeon()).isTrue();
        assertThat(asyncpg.warnings()).singleElement().asString().contains("asyncpg has no channel_binding");
    }

    @Test
    void otherQueryParametersAreLeftOutWithANoteNamingThem() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@h/d?connect_timeout=10&target_session_attrs=any");

        assertThat(url.notes()).containsExactly("left out the query parameter 'connect_timeout': the probe does not use it",
                "left out the query parameter 'target_session_attrs': the probe does not use it");
        assertThat(url.properties(Duration.ofSeconds(5))).doesNotContainKey("connect_timeout");
    }

    @Test
    void userAndPasswordMayComeFromTheQueryAsLibpqAllows() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://h/d?user=alice&password=pa%26ss");

        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password()).isEqualTo("pa&ss");
    }

    @Test
    void theTextFormNeverShowsThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2-secret@h/d?sslmode=require"))
                .hasToString("postgresql://u@h:5432/d?sslmode=require");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| is empty",
            "taskflow-db.example.com:5432/app| does not start with a scheme such as postgresql://",
            "mysql://u:hunter2-secret@h/d| has the scheme 'mysql', which is not PostgreSQL",
            "postgresql://u:hunter2-secret@/d| names no host",
            "postgresql://u:hunter2@secret@h/d| has '@' in its host part: an '@' inside the user name or password must be written as %40",
            "postgresql://u:hunter2-secret@h:abc/d| has a port that is not a number from 1 to 65535",
            "postgresql://u:hunter2-secret@h:70000/d| has a port that is not a number from 1 to 65535",
            "postgresql://:hunter2-secret@h/d| names no user",
            "postgresql://u:hunter2-secret@h| names no database",
            "postgresql://u:hunter2-secret@h/d?sslmode=requir| has sslmode='requir', which is not one of" })
    void aMalformedUrlNamesThePartAtFaultAndNeverThePassword(String url, String problem) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessageStartingWith("DATABASE_URL " + problem)
                .hasMessageEndingWith(InvalidDatabaseUrlException.FORM)
                .message().doesNotContain("hunter2");
    }
}
