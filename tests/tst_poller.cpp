// The Poller polls on for the next message while peers talk, yet traffic
// that never pauses does not hold the thread's timers back.
#include "base/uniquefd.h"
#include "engine/poller.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

using namespace sockscope;

namespace {
// Reads one byte per call: a full pipe stays ready for a long time.
class ByteReader final : public PollClient {
public:
    explicit ByteReader(int fd)
        : m_fd(fd) {}
    void onPollEvents(quint32) override {
        char byte = 0;
        if (::read(m_fd, &byte, 1) == 1)
            ++received;
    }
    qint64 received = 0;

private:
    const int m_fd;
};
} // namespace

class tst_Poller final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trafficThatNeverPausesLetsTimersRun();
};

void tst_Poller::trafficThatNeverPausesLetsTimersRun() {
    int ends[2];
    QCOMPARE(::pipe2(ends, O_CLOEXEC | O_NONBLOCK), 0);
    const UniqueFd readEnd(ends[0]);
    const UniqueFd writeEnd(ends[1]);
    // A full pipe, read a byte at a time: each time the Poller looks, there
    // is more to read, for far longer than the timer below waits.
    const int capacity = ::fcntl(writeEnd.get(), F_SETPIPE_SZ, 1 << 20);
    QCOMPARE_GT(capacity, 0);
    const QByteArray bytes(capacity, 'x');
    QCOMPARE(::write(writeEnd.get(), bytes.constData(), size_t(bytes.size())), ssize_t(capacity));
    Poller poller;
    ByteReader reader(readEnd.get());
    PollRegistration registration(&poller, &reader);
    QVERIFY(registration.watch(readEnd.get(), EPOLLIN));

    // A real event loop: QTest::qWait() sleeps between its passes.
    QEventLoop loop;
    QElapsedTimer sinceStart;
    sinceStart.start();
    qint64 firedAfterMs = -1;
    qint64 receivedMeanwhile = 0;
    QTimer::singleShot(20, &loop, [&] {
        firedAfterMs = sinceStart.elapsed();
        receivedMeanwhile = reader.received;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();

    // It read all along, the pipe was not empty yet, and the timer came on
    // time all the same.
    QCOMPARE_GT(receivedMeanwhile, 0);
    QCOMPARE_LT(receivedMeanwhile, capacity);
    QCOMPARE_GE(firedAfterMs, 0);
    QCOMPARE_LT(firedAfterMs, 200);
}

QTEST_GUILESS_MAIN(tst_Poller)
#include "tst_poller.moc"
