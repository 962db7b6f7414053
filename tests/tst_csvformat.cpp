#include "formats/csvwriter.h"
#include "sessionfixture.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;

namespace {

const QStringList kColumns{
    u"seq"_qs,   u"ts"_qs,      u"event"_qs, u"conn"_qs,    u"listener"_qs, u"dir"_qs,
    u"by"_qs,    u"local"_qs,   u"peer"_qs,  u"size"_qs,    u"data_hex"_qs, u"data_text"_qs,
    u"error"_qs, u"message"_qs, u"count"_qs, u"backlog"_qs, u"reset"_qs,    u"pair"_qs};

QByteArray written(const EventBatch& events) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeCsvSession(BatchEventSource(events), buffer))
        return {};
    return buffer.data();
}

// Parses with Python's csv module, an independent RFC 4180 reader.
QList<QStringList> parsedByPython(const QByteArray& csv, QString* problem) {
    const QString python = QStandardPaths::findExecutable(u"python3"_qs);
    QTemporaryFile file;
    if (python.isEmpty() || !file.open() || file.write(csv) != csv.size() || !file.flush()) {
        *problem = u"python3 or a temporary file is missing"_qs;
        return {};
    }
    QProcess process;
    process.start(python, {u"-c"_qs,
                           u"import csv, json, sys\n"
                           "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                           "    print(json.dumps(list(csv.reader(f, strict=True))))\n"_qs,
                           file.fileName()});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *problem = QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    QList<QStringList> rows;
    for (const QJsonValue& row : QJsonDocument::fromJson(process.readAllStandardOutput()).array())
        rows.append(row.toVariant().toStringList());
    return rows;
}

CaptureEvent message(quint64 seq, const QString& text) {
    return fixture::event(seq, EventKind::Error, [&](CaptureEvent& e) { e.message = text; });
}

} // namespace

class tst_CsvFormat final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyCellQuotedWithCrlf();
    void parsesBackExactly();
    void neutralisesFormulas_data();
    void neutralisesFormulas();

private:
    bool m_havePython = false;
};

void tst_CsvFormat::initTestCase() {
    m_havePython = !QStandardPaths::findExecutable(u"python3"_qs).isEmpty();
}

void tst_CsvFormat::everyCellQuotedWithCrlf() {
    const QByteArray csv = written(fixture::session());
    // A sequence of quoted cells, each closed by ',' or CRLF; quotes inside doubled.
    static const QRegularExpression rfc4180(uR"(\A(?:"(?:[^"]|"")*"(?:,|\r\n))+\z)"_qs);
    QVERIFY(rfc4180.match(QString::fromUtf8(csv)).hasMatch());
    QVERIFY(csv.startsWith("\"seq\",\"ts\",\"event\","));
    QCOMPARE(csv.count("\r\n"), fixture::session().size() + 1);
}

void tst_CsvFormat::parsesBackExactly() {
    if (!m_havePython)
        QSKIP("python3 is not installed");
    EventBatch events = fixture::session();
    events.append(fixture::event(events.size() + 1, EventKind::Close, [](CaptureEvent& e) {
        e.conn = 9;
        e.by = Closer::Local;
        e.reset = true;
        e.message = u"RST sent (SO_LINGER 0); nothing was left to send or read"_qs;
    }));
    events.append(fixture::event(events.size() + 1, EventKind::Connect, [](CaptureEvent& e) {
        e.conn = 11;
        e.target = u"upstream.test:6379"_qs;
        e.pair = 10; // a relay's upstream leg names the client's leg
    }));
    QString problem;
    const QList<QStringList> rows = parsedByPython(written(events), &problem);
    QVERIFY2(!rows.isEmpty(), qPrintable(problem));
    QCOMPARE(rows.first(), kColumns);
    QCOMPARE(rows.size(), events.size() + 1);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const CaptureEvent& e = events[i];
        const QStringList& row = rows[i + 1];
        QCOMPARE(row.size(), kColumns.size());
        QCOMPARE(row[0], e.seq ? QString::number(e.seq) : QString());
        QCOMPARE(row[1], formatTimestampUs(e.timeUs));
        QCOMPARE(row[2], eventKindName(e.kind));
        QCOMPARE(row[3], e.conn ? QString::number(e.conn) : QString());
        QCOMPARE(row[4], e.listener ? QString::number(e.listener) : QString());
        QCOMPARE(row[5], directionName(e.dir));
        QCOMPARE(row[6], closerName(e.by));
        QCOMPARE(row[7], e.local.toString());
        QCOMPARE(row[8], e.kind == EventKind::Connect ? e.target : e.peer.toString());
        QCOMPARE(row[9], e.size || e.kind == EventKind::Data ? QString::number(e.size) : QString());
        QCOMPARE(QByteArray::fromHex(row[10].toLatin1()), e.data);
        QCOMPARE(row[10], QString::fromLatin1(e.data.toHex()));
        QCOMPARE(row[12], errorCodeName(e.error));
        QCOMPARE(row[13], e.kind == EventKind::Listen ? e.responder : e.message);
        QCOMPARE(row[14], e.count ? QString::number(e.count) : QString());
        QCOMPARE(row[15], e.backlog ? QString::number(e.backlog) : QString());
        QCOMPARE(row[16], e.reset ? u"true"_qs : QString());
        QCOMPARE(row[17], e.pair ? QString::number(e.pair) : QString());
    }
    QCOMPARE(rows[rows.size() - 2][16], u"true"_qs);
    QCOMPARE(rows.last()[17], u"10"_qs);
    QCOMPARE(rows[5][11], uR"(GET / HTTP/1.0\r\nHost: x\r\n\r\n)"_qs);
    QCOMPARE(rows[6][11], uR"(\x00\xff\xfe<script>alert(1)</script>\xc3\x00)"_qs);
}

void tst_CsvFormat::neutralisesFormulas_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cell");
    QTest::newRow("=") << u"=HYPERLINK(\"x\")"_qs << u"'=HYPERLINK(\"x\")"_qs;
    QTest::newRow("+") << u"+1+1"_qs << u"'+1+1"_qs;
    QTest::newRow("-") << u"-2+3"_qs << u"'-2+3"_qs;
    QTest::newRow("@") << u"@SUM(A1)"_qs << u"'@SUM(A1)"_qs;
    QTest::newRow("tab") << u"\t=1"_qs << u"'\t=1"_qs;
    QTest::newRow("CR") << u"\r=1"_qs << u"'\r=1"_qs;
    QTest::newRow("quote itself, so that one ' can always be dropped") << u"'=1"_qs << u"''=1"_qs;
    QTest::newRow("inside is fine") << u"a=1"_qs << u"a=1"_qs;
    QTest::newRow("empty") << QString() << QString();
}

void tst_CsvFormat::neutralisesFormulas() {
    if (!m_havePython)
        QSKIP("python3 is not installed");
    QFETCH(QString, text);
    QFETCH(QString, cell);
    const EventBatch events{message(1, text), fixture::data(2, 1, Direction::In, text.toUtf8()),
                            fixture::event(3, EventKind::Connect, [&](CaptureEvent& e) {
                                e.conn = 1;
                                e.target = text;
                            })};
    QString problem;
    const QList<QStringList> rows = parsedByPython(written(events), &problem);
    QVERIFY2(rows.size() == 4, qPrintable(problem));
    QCOMPARE(rows[1][13], cell); // message
    QCOMPARE(rows[3][8], cell);  // peer: the target as typed
    const bool escaped = text.startsWith(u'\t') || text.startsWith(u'\r');
    if (!escaped)
        QCOMPARE(rows[2][11], cell); // data_text (tab and CR are written as \t, \r)
    for (const QStringList& row : rows) {
        for (const QString& value : row)
            QVERIFY2(value.isEmpty() || !QStringLiteral("=+-@\t\r").contains(value.front()),
                     qPrintable(value));
    }
}

QTEST_GUILESS_MAIN(tst_CsvFormat)
#include "tst_csvformat.moc"
