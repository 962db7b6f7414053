#include "formats/jsonlreader.h"
#include "formats/sessionexport.h"
#include "sessionfixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace sockscope;

namespace {

QByteArray contentsOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool run(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(program, args);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

// A tiny tmpfs, so that "disk full" and "read-only" are real, not simulated.
class SmallFilesystem final {
public:
    explicit SmallFilesystem(const QString& dir)
        : m_dir(dir) {
        m_mounted =
            ::geteuid() == 0 && QDir().mkpath(dir) &&
            run(u"mount"_qs, {u"-t"_qs, u"tmpfs"_qs, u"-o"_qs, u"size=64k"_qs, u"tmpfs"_qs, dir});
    }
    ~SmallFilesystem() {
        if (m_mounted)
            run(u"umount"_qs, {m_dir});
    }
    Q_DISABLE_COPY_MOVE(SmallFilesystem)

    bool mounted() const { return m_mounted; }
    bool makeReadOnly() { return run(u"mount"_qs, {u"-o"_qs, u"remount,ro"_qs, m_dir}); }

private:
    QString m_dir;
    bool m_mounted = false;
};

EventBatch bigSession() {
    EventBatch events = fixture::session();
    events.append(fixture::data(20, 1, Direction::In, QByteArray(256 * 1024, 'x')));
    return events;
}

} // namespace

class tst_ExportFile final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatForPath_data();
    void formatForPath();
    void formatNames();
    void writesEachFormat_data();
    void writesEachFormat();
    void replacesExistingFile();
    void refusesNonRegularTargets_data();
    void refusesNonRegularTargets();
    void reportsMissingDirectory();
    void fullDeviceKeepsOldFile();
    void readOnlyDeviceKeepsOldFile();

private:
    QTemporaryDir m_dir;
};

void tst_ExportFile::formatForPath_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format"); // -1: none
    QTest::newRow("jsonl") << u"/tmp/s.jsonl"_qs << int(ExportFormat::Jsonl);
    QTest::newRow("JSONL upper case") << u"S.JSONL"_qs << int(ExportFormat::Jsonl);
    QTest::newRow("json") << u"s.json"_qs << int(ExportFormat::Jsonl);
    QTest::newRow("csv") << u"a.b.csv"_qs << int(ExportFormat::Csv);
    QTest::newRow("html") << u"report.html"_qs << int(ExportFormat::Html);
    QTest::newRow("htm") << u"report.htm"_qs << int(ExportFormat::Html);
    QTest::newRow("pcap") << u"x.pcap"_qs << int(ExportFormat::Pcap);
    QTest::newRow("pcapng") << u"x.pcapng"_qs << int(ExportFormat::Pcapng);
    QTest::newRow("no extension") << u"session"_qs << -1;
    QTest::newRow("dot in directory only") << u"/tmp/a.csv/session"_qs << -1;
    QTest::newRow("txt") << u"notes.txt"_qs << -1;
}

void tst_ExportFile::formatForPath() {
    QFETCH(QString, path);
    QFETCH(int, format);
    const std::optional<ExportFormat> found = exportFormatForPath(path);
    QCOMPARE(found ? int(*found) : -1, format);
}

void tst_ExportFile::formatNames() {
    for (const ExportFormat format :
         {ExportFormat::Jsonl, ExportFormat::Csv, ExportFormat::Html, ExportFormat::Pcap}) {
        QCOMPARE(exportFormatFromName(exportFormatName(format)), format);
        QCOMPARE(exportFormatForPath(u"x."_qs + exportFormatName(format)), format);
    }
    QCOMPARE(exportFormatFromName(u"xml"), std::nullopt);
}

void tst_ExportFile::writesEachFormat_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("jsonl") << int(ExportFormat::Jsonl) << QByteArray("{\"ts\":\"");
    QTest::newRow("csv") << int(ExportFormat::Csv) << QByteArray("\"seq\",\"ts\",");
    QTest::newRow("html") << int(ExportFormat::Html) << QByteArray("<!DOCTYPE html>");
    QTest::newRow("pcap") << int(ExportFormat::Pcap) << QByteArray("\x4d\x3c\xb2\xa1");
}

void tst_ExportFile::writesEachFormat() {
    QFETCH(int, format);
    QFETCH(QByteArray, start);
    const QString path = m_dir.filePath(u"each."_qs + exportFormatName(ExportFormat(format)));
    QString error;
    QVERIFY2(
        exportSession(BatchEventSource(fixture::session()), path, ExportFormat(format), &error),
        qPrintable(error));
    QVERIFY(contentsOf(path).startsWith(start));
    const QString name = QFileInfo(path).fileName();
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).filter(name).size(),
             1); // no temporary file left behind
}

void tst_ExportFile::replacesExistingFile() {
    const QString path = m_dir.filePath(u"replace.jsonl"_qs);
    QVERIFY(writeFile(path, "old contents that are longer than nothing"));
    QString error;
    QVERIFY2(exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Jsonl, &error),
             qPrintable(error));
    const std::optional<EventBatch> back = readJsonlSession(path, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), fixture::session().size());
}

void tst_ExportFile::refusesNonRegularTargets_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("directory") << m_dir.path() << u"it is a directory"_qs;
    if (QFileInfo::exists(u"/dev/null"_qs))
        QTest::newRow("device") << u"/dev/null"_qs << u"it is not a regular file"_qs;
}

void tst_ExportFile::refusesNonRegularTargets() {
    QFETCH(QString, path);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Csv, &error));
    QCOMPARE(error, QStringLiteral("Cannot export to '%1': %2").arg(path, reason));
}

void tst_ExportFile::reportsMissingDirectory() {
    const QString path = m_dir.filePath(u"no/such/dir/s.pcap"_qs);
    QString error;
    QVERIFY(!exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Pcap, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot export to '%1': ").arg(path)),
             qPrintable(error));
    QVERIFY2(error.contains(u"No such file or directory"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path));
}

void tst_ExportFile::fullDeviceKeepsOldFile() {
    SmallFilesystem small(m_dir.filePath(u"full"_qs));
    if (!small.mounted())
        QSKIP("needs root and a working 'mount -t tmpfs'");
    const QString path = m_dir.filePath(u"full/s.jsonl"_qs);
    QVERIFY(writeFile(path, "old session"));
    QString error;
    QVERIFY(!exportSession(BatchEventSource(bigSession()), path, ExportFormat::Jsonl, &error));
    QCOMPARE(error,
             QStringLiteral("Cannot export to '%1': No space left on device (ENOSPC)").arg(path));
    QCOMPARE(contentsOf(path), "old session");
    QCOMPARE(QDir(m_dir.filePath(u"full"_qs)).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void tst_ExportFile::readOnlyDeviceKeepsOldFile() {
    SmallFilesystem small(m_dir.filePath(u"ro"_qs));
    if (!small.mounted())
        QSKIP("needs root and a working 'mount -t tmpfs'");
    const QString path = m_dir.filePath(u"ro/s.html"_qs);
    QVERIFY(writeFile(path, "old report"));
    QVERIFY(small.makeReadOnly());
    QString error;
    QVERIFY(!exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Html, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot export to '%1': ").arg(path)),
             qPrintable(error));
    QVERIFY2(error.contains(u"Read-only file system"), qPrintable(error));
    QCOMPARE(contentsOf(path), "old report");
}

QTEST_GUILESS_MAIN(tst_ExportFile)
#include "tst_exportfile.moc"
