// UniqueFd closes what it owns exactly once, and nothing it gave up.
#include "base/uniquefd.h"

#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

using namespace sockscope;

namespace {
bool isOpen(int fd) {
    return ::fcntl(fd, F_GETFD) != -1;
}
bool isClosed(int fd) {
    return ::fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}
int openDevNull() {
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}
} // namespace

class tst_UniqueFd final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void closesWhenItGoes();
    void releaseGivesItUp();
    void resetClosesTheOldOne();
    void moveHandsItOn();
};

void tst_UniqueFd::closesWhenItGoes() {
    int fd = -1;
    {
        const UniqueFd owner(openDevNull());
        fd = owner.get();
        QVERIFY(owner.isValid());
        QVERIFY(isOpen(fd));
    }
    QVERIFY(isClosed(fd));
}

void tst_UniqueFd::releaseGivesItUp() {
    int fd = -1;
    {
        UniqueFd owner(openDevNull());
        fd = owner.release();
        QVERIFY(!owner.isValid());
        QCOMPARE(owner.get(), -1);
    }
    QVERIFY(isOpen(fd));
    ::close(fd);
}

void tst_UniqueFd::resetClosesTheOldOne() {
    UniqueFd owner(openDevNull());
    const int first = owner.get();
    const int second = openDevNull();
    owner.reset(second);
    QVERIFY(isClosed(first));
    QCOMPARE(owner.get(), second);
    QVERIFY(isOpen(second));
    owner.reset(second); // the same one again: kept, not closed
    QVERIFY(isOpen(second));
    owner.reset();
    QVERIFY(isClosed(second));
    QVERIFY(!owner.isValid());
}

void tst_UniqueFd::moveHandsItOn() {
    UniqueFd from(openDevNull());
    const int fd = from.get();
    UniqueFd to(std::move(from));
    QCOMPARE(to.get(), fd);
    QVERIFY(isOpen(fd));
    UniqueFd other(openDevNull());
    const int replaced = other.get();
    other = std::move(to);
    QVERIFY(isClosed(replaced));
    QCOMPARE(other.get(), fd);
    QVERIFY(isOpen(fd));
}

QTEST_APPLESS_MAIN(tst_UniqueFd)
#include "tst_uniquefd.moc"
