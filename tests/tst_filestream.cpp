// Files to send: only regular files are opened (a FIFO without blocking),
// each stream reads its own chunks up to the size it started with, and a
// client streams its file after its text, with what is sent meanwhile after
// that, to a real peer.
#include "engine/filesource.h"
#include "engine/filestream.h"
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sockscope;

namespace {
QByteArray randomBytes(qsizetype size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char& byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class tst_FileStream : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusesWhatIsNotARegularFile();
    void streamsReadInChunksOnTheirOwn();
    void shrinkingFileIsAnError();
    void clientSendsTextThenFileThenWhatCameMeanwhile();
};

void tst_FileStream::refusesWhatIsNotARegularFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QList<QPair<QString, QString>> cases{
        {QStringLiteral("/dev/zero"), QStringLiteral("a character device")},
        {fifo, QStringLiteral("a FIFO")}, // a blocking open would wait for a writer forever
        {dir.path(), QStringLiteral("a folder")},
        {dir.filePath(QStringLiteral("missing")), QStringLiteral("ENOENT")},
        {QString(), QStringLiteral("no file name")}};
    for (const auto& [path, reason] : cases) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY2(!FileSource::open(path, &error), qPrintable(path));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(timer.elapsed() < 5000);
    }
}

void tst_FileStream::streamsReadInChunksOnTheirOwn() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    const QByteArray content = randomBytes(100'000, 1);
    QVERIFY(writeFile(path, content));
    QString error;
    const auto source = FileSource::open(path, &error);
    QVERIFY2(source, qPrintable(error));
    auto first = FileStream::start(source, &error);
    auto second = FileStream::start(source, &error);
    QVERIFY(first && second);
    QCOMPARE(first->size(), qint64(content.size()));
    QByteArray one;
    while (!first->atEnd()) {
        const auto chunk = first->next(30'000, &error);
        QVERIFY2(chunk, qPrintable(error));
        QVERIFY(chunk->size() <= 30'000);
        one += *chunk;
    }
    QCOMPARE(one, content);
    QCOMPARE(second->position(), qint64(0));
    QCOMPARE(*second->next(content.size() * 2, &error), content);
    QVERIFY(second->atEnd());
    QCOMPARE(second->next(10, &error)->size(), 0);
}

void tst_FileStream::shrinkingFileIsAnError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    QVERIFY(writeFile(path, randomBytes(1000, 2)));
    QString error;
    auto stream = FileStream::start(FileSource::open(path, &error), &error);
    QVERIFY(stream);
    QVERIFY(stream->next(400, &error));
    QVERIFY(QFile::resize(path, 300));
    QVERIFY(!stream->next(400, &error));
    QVERIFY2(error.contains(u"shrank") && error.contains(u"400 of 1000"), qPrintable(error));
}

void tst_FileStream::clientSendsTextThenFileThenWhatCameMeanwhile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    // Far more than one chunk and than the kernel buffers while the peer
    // does not read, so the file is still streaming when more is sent.
    const QByteArray content = randomBytes(24 * 1024 * 1024 + 3, 3);
    QVERIFY(writeFile(path, content));
    QString error;
    ClientConfig config;
    config.host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    config.port = port;
    config.sendOnConnect = "text first\n";
    config.sendFile = FileSource::open(path, &error);
    QVERIFY2(config.sendFile, qPrintable(error));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = engine.startClient(config);
    QTRY_VERIFY(recorder.has(EventKind::Connected, id));
    RawPeer peer = server.accept();
    QVERIFY(peer.isValid());
    QTRY_VERIFY(recorder.bytes(id, Direction::Out) > 0);
    engine.send(id, "and then this");
    engine.halfClose(id);
    QTRY_VERIFY_WITH_TIMEOUT(peer.poll(), 60000);
    QCOMPARE(peer.received.size(), content.size() + 11 + 13);
    QVERIFY(peer.received == "text first\n" + content + "and then this");
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, id));
}

QTEST_GUILESS_MAIN(tst_FileStream)
#include "tst_filestream.moc"
