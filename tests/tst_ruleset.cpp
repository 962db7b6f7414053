// Rules files and the rules responder's decisions: JSON in, matches and
// actions out, no sockets (tests/e2e/test_rules.py drives them against
// real peers).
#include "describeactions.h"
#include "engine/responder.h"
#include "engine/ruleset.h"

#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;

namespace {

std::shared_ptr<const RuleSet> parsed(const QByteArray& json) {
    QString error;
    auto rules = RuleSet::parse(json, &error);
    if (!rules)
        qFatal("%s", qPrintable(error));
    return rules;
}

ResponderConfig rulesConfig(const QByteArray& json) {
    ResponderConfig config;
    config.kind = ResponderConfig::Kind::Rules;
    config.rules = parsed(json);
    config.messagesSoFar = std::make_shared<qint64>(0);
    return config;
}

QString sent(const ConnectionActions& actions) {
    QString out;
    for (const ConnectionAction& action : actions) {
        if (action.kind == ConnectionAction::Kind::Send)
            out += QString::fromUtf8(action.bytes);
    }
    return out;
}

const QByteArray kLogin = R"({"sockscope_rules": 1, "greeting": {"text": "220 ready\r\n"},
  "rules": [
    {"name": "login", "when": {"regex": "^LOGIN (?<user>\\w+)$"},
     "reply": {"text": "HELLO ${user} (${1}) #${conn_counter}/${counter} ${conn}@${peer}\r\n"}},
    {"name": "ping", "when": {"equals": "ping", "ignore_case": true},
     "reply": [{"text": "PONG 1\n"}, {"text": "PONG 2\n", "delay_ms": 50, "then": "half-close"}]},
    {"when": {"all": [{"starts_with": "GET "}, {"not": {"contains": ".."}}]},
     "reply": {"text": "OK ${message}\n", "then": "close"}}
  ],
  "default": {"text": "ERR $${literal}\n"}})";

} // namespace

class tst_RuleSet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void predicates_data();
    void predicates();
    void badFilesNameThePlace_data();
    void badFilesNameThePlace();
    void aMessageInPiecesMatchesOnce();
    void repliesCycleWaitAndEndTheConnection();
    void lengthPrefixedBinaryWithHex();
    void framingFailureStopsAnswering();
    void missingFileIsNamed();
    void floodsAreBounded();
    void capturesOnlyFromBranchesThatHeld();
};

void tst_RuleSet::predicates_data() {
    QTest::addColumn<QByteArray>("when");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("matches");
    QTest::newRow("equals") << R"({"equals": "abc"})"_qba
                            << "abc"_qba << true;
    QTest::newRow("equals is whole") << R"({"equals": "abc"})"_qba
                                     << "abcd"_qba << false;
    QTest::newRow("case matters") << R"({"equals": "abc"})"_qba
                                  << "ABC"_qba << false;
    QTest::newRow("ignore case") << R"({"equals": "abc", "ignore_case": true})"_qba
                                 << "AbC"_qba << true;
    QTest::newRow("contains") << R"({"contains": "b c"})"_qba
                              << "a b c d"_qba << true;
    QTest::newRow("starts") << R"({"starts_with": "GET"})"_qba
                            << "GET /"_qba << true;
    QTest::newRow("ends") << R"({"ends_with": "/1.1"})"_qba
                          << "GET / HTTP/1.1"_qba << true;
    QTest::newRow("ends no") << R"({"ends_with": "/1.1"})"_qba
                             << "HTTP/1.0"_qba << false;
    QTest::newRow("regex") << R"({"regex": "^\\d+$"})"_qba
                           << "123"_qba << true;
    QTest::newRow("regex no") << R"({"regex": "^\\d+$"})"_qba
                              << "12a"_qba << false;
    QTest::newRow("regex ignore case") << R"({"regex": "^hi", "ignore_case": true})"_qba
                                       << "HI there"_qba << true;
    QTest::newRow("regex on binary") << R"({"regex": "^\\x00\\xff"})"_qba
                                     << "\x00\xff\x80"_qba << true;
    QTest::newRow("hex") << R"({"hex_equals": "00 ff 10"})"_qba
                         << "\x00\xff\x10"_qba << true;
    QTest::newRow("any") << R"({"any": [{"equals": "a"}, {"equals": "b"}]})"_qba
                         << "b"_qba << true;
    QTest::newRow("all") << R"({"all": [{"contains": "a"}, {"contains": "b"}]})"_qba
                         << "ab"_qba << true;
    QTest::newRow("all no") << R"({"all": [{"contains": "a"}, {"contains": "b"}]})"_qba
                            << "aa"_qba << false;
    QTest::newRow("not") << R"({"not": {"equals": "a"}})"_qba
                         << "b"_qba << true;
}

void tst_RuleSet::predicates() {
    QFETCH(QByteArray, when);
    QFETCH(QByteArray, message);
    QFETCH(bool, matches);
    const auto rules = parsed(R"({"sockscope_rules": 1, "rules": [{"when": )" + when +
                              R"(, "reply": {"text": "x"}}]})");
    QCOMPARE(rules->match(message).rule == 0, matches);
}

void tst_RuleSet::badFilesNameThePlace_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("named");
    QTest::newRow("not JSON") << "{"_qba
                              << "not JSON";
    QTest::newRow("an array") << "[]"_qba
                              << "one JSON object";
    QTest::newRow("no version") << R"({"rules": []})"_qba
                                << "sockscope_rules";
    QTest::newRow("version 2") << R"({"sockscope_rules": 2})"_qba
                               << "version 2 is not known";
    QTest::newRow("unknown key") << R"({"sockscope_rules": 1, "rule": []})"_qba
                                 << "unknown key 'rule'";
    QTest::newRow("rules not array") << R"({"sockscope_rules": 1, "rules": {}})"_qba
                                     << "rules: must be an array";
    QTest::newRow("unknown predicate")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"equal": "a"}, "reply": {}}]})"_qba
        << "rules[0].when: unknown predicate 'equal'";
    QTest::newRow("two predicates")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"equals": "a", "contains": "b"},
              "reply": {}}]})"_qba
        << "exactly one of";
    QTest::newRow("bad regex")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"regex": "("}, "reply": {}}]})"_qba
        << "rules[0].when.regex: bad regular expression";
    QTest::newRow("bad hex")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"hex_equals": "0g"}, "reply": {}}]})"_qba
        << "rules[0].when.hex_equals";
    QTest::newRow("operand not text")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"equals": 5}, "reply": {}}]})"_qba
        << "must be a string";
    QTest::newRow("unknown macro") << R"({"sockscope_rules": 1, "rules": [{"when": {"equals": "a"},
              "reply": {"text": "${nope}"}}]})"_qba
                                   << "rules[0].reply.text: ${nope} is neither";
    QTest::newRow("capture of no regex")
        << R"j({"sockscope_rules": 1, "rules": [{"when": {"regex": "(?<a>x)"},
              "reply": [{"text": "${a}"}, {"text": "${b}"}]}]})j"_qba
        << "rules[0].reply[1].text: ${b}";
    QTest::newRow("unclosed macro") << R"({"sockscope_rules": 1, "greeting": {"text": "${1"}})"_qba
                                    << "no closing";
    QTest::newRow("negative delay") << R"({"sockscope_rules": 1, "default": {"delay_ms": -1}})"_qba
                                    << "default.delay_ms";
    QTest::newRow("bad then") << R"({"sockscope_rules": 1, "default": {"then": "explode"}})"_qba
                              << "default.then";
    QTest::newRow("text and hex") << R"({"sockscope_rules": 1, "default": {"text": "a",
                                        "hex": "00"}})"_qba
                                  << "not both";
    QTest::newRow("no reply")
        << R"({"sockscope_rules": 1, "rules": [{"when": {"equals": "a"}}]})"_qba
        << "needs \"when\" and \"reply\"";
    QTest::newRow("bad framing") << R"({"sockscope_rules": 1, "framing": "lines"})"_qba
                                 << "framing";
    QTest::newRow("version as text") << R"({"sockscope_rules": "1"})"_qba
                                     << "must be the number 1, not a string";
    QTest::newRow("two framings")
        << R"({"sockscope_rules": 1, "framing": {"length_prefix": 2, "delimiter": "x"}})"_qba
        << "give one of";
    QTest::newRow("bad prefix") << R"({"sockscope_rules": 1, "framing": {"length_prefix": 3}})"_qba
                                << "framing.length_prefix";
    QByteArray deep = R"({"equals": "a"})";
    for (int i = 0; i < 100; ++i)
        deep = R"({"not": )" + deep + '}';
    QTest::newRow("nested too deep")
        << R"({"sockscope_rules": 1, "rules": [{"when": )" + deep + R"(, "reply": {}}]})"
        << "deeper than 64";
}

void tst_RuleSet::badFilesNameThePlace() {
    QFETCH(QByteArray, json);
    QFETCH(QString, named);
    QString error;
    QVERIFY(!RuleSet::parse(json, &error));
    QVERIFY2(error.contains(named), qPrintable(error));
}

void tst_RuleSet::aMessageInPiecesMatchesOnce() {
    Responder responder(7, rulesConfig(kLogin), QStringLiteral("127.0.0.1:5555"));
    QCOMPARE(sent(responder.onAccepted()), QStringLiteral("220 ready\r\n"));
    QVERIFY(responder.onReceived("LOG").isEmpty());
    QVERIFY(responder.onReceived("IN b").isEmpty());
    QCOMPARE(sent(responder.onReceived("ob\r\n")),
             QStringLiteral("HELLO bob (bob) #1/1 7@127.0.0.1:5555\r\n"));
    const auto notes = responder.takeRuleNotes();
    QCOMPARE(notes.size(), 2);
    QCOMPARE(notes[0].rule, QStringLiteral("greeting"));
    QCOMPARE(notes[1].index, qint64(1));
    QCOMPARE(notes[1].rule, QStringLiteral("login"));
    // Unmatched: the default, its $${ a literal ${.
    QCOMPARE(sent(responder.onReceived("what\n")), QStringLiteral("ERR ${literal}\n"));
    QCOMPARE(responder.takeRuleNotes().value(0).rule, QStringLiteral("default"));
}

void tst_RuleSet::repliesCycleWaitAndEndTheConnection() {
    const ResponderConfig config = rulesConfig(kLogin);
    Responder responder(3, config);
    QCOMPARE(
        describe(responder.onReceived("PING\nping\nPing\n")),
        (QStringList{QStringLiteral("send 3 %1").arg(QString::fromLatin1("PONG 1\n"_qba.toHex())),
                     QStringLiteral("wait 3 50ms"),
                     QStringLiteral("send 3 %1").arg(QString::fromLatin1("PONG 2\n"_qba.toHex())),
                     QStringLiteral("half-close 3")}));
    // After a half-close nothing more is answered, or logged as answered.
    QVERIFY(responder.onReceived("ping\n").isEmpty());
    QCOMPARE(responder.takeRuleNotes().size(), 2);
    // The listener's counter spans its connections; each connection counts its own.
    Responder other(4, config);
    QCOMPARE(sent(other.onReceived("LOGIN eve\n")), QStringLiteral("HELLO eve (eve) #1/3 4@\r\n"));
    // A rule without a name is called by its place; "then": close; an
    // unterminated last line is answered at the peer's FIN, then the close.
    QCOMPARE(describe(other.onReceived("GET /a\n")).last(), QStringLiteral("close 4"));
    QCOMPARE(other.takeRuleNotes().last().rule, QStringLiteral("#3"));
    Responder third(5, config);
    third.onReceived("GET /b");
    const ConnectionActions atFin = third.onPeerFinished();
    QCOMPARE(sent(atFin), QStringLiteral("OK GET /b\n"));
    QCOMPARE(describe(atFin).last(), QStringLiteral("close 5"));
}

void tst_RuleSet::lengthPrefixedBinaryWithHex() {
    const QByteArray json = R"({"sockscope_rules": 1, "framing": {"length_prefix": 2},
        "rules": [{"name": "hello", "when": {"hex_equals": "01 02"}, "reply": {"hex": "00 02 ca fe"}},
                  {"name": "bye", "when": {"hex_equals": "ff"}, "reply": {"then": "reset"}}]})";
    Responder responder(9, rulesConfig(json));
    QCOMPARE(describe(responder.onReceived("\x00\x02\x01\x02\x00\x01\xff"_qba)),
             (QStringList{QStringLiteral("send 9 0002cafe"), QStringLiteral("reset 9")}));
}

void tst_RuleSet::framingFailureStopsAnswering() {
    const QByteArray json = R"({"sockscope_rules": 1, "framing": {"length_prefix": 4},
        "default": {"text": "x"}})";
    Responder responder(2, rulesConfig(json));
    // A length over the 1 MiB limit: nothing after it can be trusted.
    QVERIFY(responder.onReceived("\x7f\x00\x00\x00zz"_qba).isEmpty());
    const auto notes = responder.takeRuleNotes();
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes[0].problem.contains(u"framing stopped"), qPrintable(notes[0].problem));
    QVERIFY(responder.onReceived("\x00\x00\x00\x01z"_qba).isEmpty());
}

void tst_RuleSet::missingFileIsNamed() {
    QString error;
    QVERIFY(!RuleSet::load(QStringLiteral("/nonexistent/rules.json"), &error));
    QVERIFY2(error.contains(u"/nonexistent/rules.json"), qPrintable(error));
    QTemporaryFile big;
    QVERIFY(big.open());
    QVERIFY(big.resize(RuleSet::kMaxFileBytes + 1));
    QVERIFY(!RuleSet::load(big.fileName(), &error));
    QVERIFY2(error.contains(u"over the limit"), qPrintable(error));
}

void tst_RuleSet::floodsAreBounded() {
    // A reply can be at most 1 MiB of random bytes.
    QByteArray tooRandom = R"({"sockscope_rules": 1, "default": {"text": ")";
    for (int i = 0; i < 17; ++i)
        tooRandom += "${random:65536}";
    QString error;
    QVERIFY(!RuleSet::parse(tooRandom + R"("}})", &error));
    QVERIFY2(error.contains(u"at most"), qPrintable(error));
    // Replies to one read stop past 16 MiB: 17 messages of 1 MiB each.
    QByteArray many = R"({"sockscope_rules": 1, "default": {"text": ")";
    for (int i = 0; i < 16; ++i)
        many += "${random:65536}";
    Responder big(1, rulesConfig(many + R"("}})"));
    QCOMPARE(big.onReceived(QByteArray(40, '\n')).size(), 17);
    const auto notes = big.takeRuleNotes();
    QVERIFY2(notes.last().problem.contains(u"passed 16777216 bytes"),
             qPrintable(notes.last().problem));
    QVERIFY(big.onReceived("\n").isEmpty());
    // Rule events stop after 10,000 messages on a connection; answers go on.
    Responder chatty(2, rulesConfig(R"({"sockscope_rules": 1, "default": {"text": "k"}})"));
    QCOMPARE(chatty.onReceived(QByteArray(10'005, '\n')).size(), 10'005);
    const auto logged = chatty.takeRuleNotes();
    QCOMPARE(logged.size(), 10'001);
    QVERIFY(logged.last().problem.contains(u"rule events stop here"));
}

void tst_RuleSet::capturesOnlyFromBranchesThatHeld() {
    const auto rules = parsed(R"j({"sockscope_rules": 1, "rules": [{"when": {"any": [
        {"all": [{"regex": "^(?<verb>\\w+) "}, {"equals": "never"}]},
        {"regex": "^(?<word>\\w+)"}]}, "reply": {"text": "${word}"}}]})j");
    const RuleSet::Match match = rules->match("hello there");
    QCOMPARE(match.rule, 0);
    QCOMPARE(match.named.size(), 1);
    QCOMPARE(match.named.first().first, QStringLiteral("word"));
    QCOMPARE(match.numbered.value(1), QByteArray("hello"));
}

QTEST_GUILESS_MAIN(tst_RuleSet)
#include "tst_ruleset.moc"
