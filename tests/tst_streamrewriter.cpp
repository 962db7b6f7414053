// Rewrite rules on a relayed stream: parsed from --rewrite's syntax, and
// applied however the bytes are split into reads.
#include "engine/streamrewriter.h"

#include <QTest>

using namespace sockscope;

namespace {

RewriteRules rules(const QStringList& specs) {
    RewriteRules out;
    for (const QString& spec : specs) {
        QString error;
        const auto rule = RewriteRule::parse(spec, &error);
        if (!rule)
            qFatal("%s", qPrintable(error));
        out.append(*rule);
    }
    return out;
}

// The stream fed in pieces of every size from 1 byte up, then finished.
QList<QByteArray> rewrittenInEverySplit(const RewriteRules& rewriteRules, const QByteArray& in) {
    QList<QByteArray> results;
    for (qsizetype piece = 1; piece <= in.size(); ++piece) {
        StreamRewriter rewriter(rewriteRules);
        QByteArray out;
        for (qsizetype at = 0; at < in.size(); at += piece)
            out += rewriter.feed(in.mid(at, piece));
        out += rewriter.finish();
        results.append(out);
    }
    return results;
}

} // namespace

class tst_StreamRewriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void rewritesHoweverSplit_data();
    void rewritesHoweverSplit();
    void keepsBackOnlyAPossibleMatch();
    void longLineGoesOnUnchanged();
};

void tst_StreamRewriter::parses_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("up");
    QTest::addColumn<bool>("down");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("replacement");
    QTest::newRow("text, both") << "s/Host: a/Host: b/" << true << true << QByteArray("Host: a")
                                << QByteArray("Host: b");
    QTest::newRow("escapes") << "up:s/a\\r\\n/\\x00\\t/" << true << false << QByteArray("a\r\n")
                             << QByteArray("\x00\t", 2);
    QTest::newRow("delimiter escaped")
        << "down:s|a\\|b|c/d|" << false << true << QByteArray("a|b") << QByteArray("c/d");
    QTest::newRow("hex") << "x/de ad/be:ef/" << true << true << QByteArray("\xde\xad")
                         << QByteArray("\xbe\xef");
    QTest::newRow("empty replacement deletes")
        << "s/secret//" << true << true << QByteArray("secret") << QByteArray();
}

void tst_StreamRewriter::parses() {
    QFETCH(QString, spec);
    QFETCH(bool, up);
    QFETCH(bool, down);
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, replacement);
    QString error;
    const auto rule = RewriteRule::parse(spec, &error);
    QVERIFY2(rule, qPrintable(error));
    QCOMPARE(rule->appliesUp(), up);
    QCOMPARE(rule->appliesDown(), down);
    QCOMPARE(rule->pattern, pattern);
    QCOMPARE(rule->replacement, replacement);
}

void tst_StreamRewriter::refuses_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("why");
    QTest::newRow("unknown kind") << "q/a/b/"
                                  << "the kind is s (text), x (hex) or r (regex)";
    QTest::newRow("letter delimiter") << "sxaxbx"
                                      << "cannot delimit";
    QTest::newRow("missing end") << "s/a/b"
                                 << "write it as KIND/PATTERN/REPLACEMENT/";
    QTest::newRow("too many fields") << "s/a/b/c/"
                                     << "write it as KIND/PATTERN/REPLACEMENT/";
    QTest::newRow("empty pattern") << "s//b/"
                                   << "the pattern is empty";
    QTest::newRow("bad escape") << "s/a\\q/b/"
                                << "\\q";
    QTest::newRow("bad hex") << "x/zz/00/"
                             << "'z'";
    QTest::newRow("bad regex") << "r/(a/b/"
                               << "not a regular expression";
}

void tst_StreamRewriter::refuses() {
    QFETCH(QString, spec);
    QFETCH(QString, why);
    QString error;
    QVERIFY(!RewriteRule::parse(spec, &error));
    QVERIFY2(error.contains(why), qPrintable(error));
    QVERIFY2(error.contains(spec), qPrintable(error)); // names what was typed
}

void tst_StreamRewriter::rewritesHoweverSplit_data() {
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("text") << QStringList{QStringLiteral("s/Host: old/Host: new.example/")}
                          << QByteArray("GET / HTTP/1.1\r\nHost: old\r\n\r\nHost: ol")
                          << QByteArray("GET / HTTP/1.1\r\nHost: new.example\r\n\r\nHost: ol");
    QTest::newRow("an earlier rule wins even when split")
        << QStringList{QStringLiteral("s/abcd/X/"), QStringLiteral("s/ab/Y/")}
        << QByteArray("abcdab") << QByteArray("XY");
    QTest::newRow("first rule wins, then on")
        << QStringList{QStringLiteral("s/ab/X/"), QStringLiteral("s/b/Y/")} << QByteArray("abbab")
        << QByteArray("XYX");
    QTest::newRow("hex") << QStringList{QStringLiteral("x/00ff/ff00/")}
                         << QByteArray("\x01\x00\xff\x00\xff\x00", 6)
                         << QByteArray("\x01\xff\x00\xff\x00\x00", 6);
    QTest::newRow("regex per line, groups")
        << QStringList{QStringLiteral("r/(\\d+) apples/\\1 pears/")}
        << QByteArray("3 apples\n10 apples and 2 apples\nno newline 4 apples")
        << QByteArray("3 pears\n10 pears and 2 pears\nno newline 4 pears");
    QTest::newRow("escaped delimiter: literal in the pattern, plain in the replacement")
        << QStringList{QStringLiteral("r|a\\|b|x\\|y|")} << QByteArray("a|b ab\n")
        << QByteArray("x|y ab\n");
    QTest::newRow("regex is bytewise") << QStringList{QStringLiteral("r/\\xff+/!/")}
                                       << QByteArray("a\xff\xff\xff"
                                                     "b\n")
                                       << QByteArray("a!b\n");
}

void tst_StreamRewriter::rewritesHoweverSplit() {
    QFETCH(QStringList, specs);
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    const QList<QByteArray> results = rewrittenInEverySplit(rules(specs), in);
    for (qsizetype i = 0; i < results.size(); ++i)
        QVERIFY2(results[i] == out, qPrintable(QStringLiteral("pieces of %1 bytes gave %2")
                                                   .arg(i + 1)
                                                   .arg(QString::fromLatin1(results[i].toHex()))));
}

void tst_StreamRewriter::keepsBackOnlyAPossibleMatch() {
    StreamRewriter rewriter(rules({QStringLiteral("s/needle/pin/")}));
    QCOMPARE(rewriter.feed("hay nee"), QByteArray("hay ")); // "nee" may become "needle"
    QCOMPARE(rewriter.feed("dle and ne"), QByteArray("pin and "));
    QCOMPARE(rewriter.feed("xt"), QByteArray("next")); // "x" ends the possible match
    QCOMPARE(rewriter.finish(), QByteArray());
}

void tst_StreamRewriter::longLineGoesOnUnchanged() {
    StreamRewriter rewriter(rules({QStringLiteral("r/a/b/")}));
    const QByteArray huge(StreamRewriter::kMaxLine + 1, 'a');
    QCOMPARE(rewriter.feed(huge), huge);
    QCOMPARE(rewriter.feed("a\n"), QByteArray("b\n"));
}

QTEST_GUILESS_MAIN(tst_StreamRewriter)
#include "tst_streamrewriter.moc"
