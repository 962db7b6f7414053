// The send box's history: walked like a shell's, bounded, no duplicate in a
// row, and still there in the next session (QSettings).
#include "sendhistory.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace sockscope;

namespace {
SendMessage text(const QString& s, SendMessage::LineEnding ending = SendMessage::LineEnding::Lf) {
    SendMessage message;
    message.text = s;
    message.ending = ending;
    return message;
}
SendMessage hex(const QString& s) {
    SendMessage message;
    message.format = SendMessage::Format::Hex;
    message.text = s;
    return message;
}
} // namespace

class tst_SendHistory final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
    }
    void init() { QSettings().clear(); }

    void walksBackAndForthToTheDraft() {
        SendHistory history;
        QVERIFY(!history.older(text(QStringLiteral("draft"))));
        history.add(text(QStringLiteral("one"), SendMessage::LineEnding::CrLf));
        history.add(hex(QStringLiteral("de ad")));
        history.add(text(QStringLiteral("three")));

        const SendMessage draft = text(QStringLiteral("half typ"));
        QCOMPARE(history.older(draft), text(QStringLiteral("three")));
        QCOMPARE(history.older(text(QStringLiteral("three"))), hex(QStringLiteral("de ad")));
        QCOMPARE(history.older(hex(QStringLiteral("de ad"))),
                 text(QStringLiteral("one"), SendMessage::LineEnding::CrLf));
        QVERIFY(!history.older(text(QStringLiteral("one")))); // the oldest
        QCOMPARE(history.newer(), hex(QStringLiteral("de ad")));
        QCOMPARE(history.newer(), text(QStringLiteral("three")));
        QCOMPARE(history.newer(), draft); // what was being typed comes back
        QVERIFY(!history.newer());

        history.older(draft);
        history.resetWalk();
        QCOMPARE(history.older(draft), text(QStringLiteral("three")));
    }

    void noDuplicateInARow() {
        SendHistory history;
        history.add(text(QStringLiteral("a")));
        history.add(text(QStringLiteral("b")));
        history.add(text(QStringLiteral("b")));
        history.add(text(QStringLiteral("b"), SendMessage::LineEnding::None)); // differs
        QCOMPARE(history.older({}), text(QStringLiteral("b"), SendMessage::LineEnding::None));
        QCOMPARE(history.older({}), text(QStringLiteral("b")));
        QCOMPARE(history.older({}), text(QStringLiteral("a")));
        QVERIFY(!history.older({}));
    }

    void boundedAndKeptAcrossSessions() {
        {
            SendHistory history;
            for (int i = 0; i < SendHistory::kMaxEntries + 5; ++i)
                history.add(text(QString::number(i)));
        }
        SendHistory next;
        int walked = 0;
        SendMessage oldest;
        while (const auto message = next.older({})) {
            oldest = *message;
            ++walked;
            QVERIFY(walked <= SendHistory::kMaxEntries);
        }
        QCOMPARE(walked, SendHistory::kMaxEntries);
        QCOMPARE(oldest, text(QStringLiteral("5")));
    }

    void separateKeysDoNotMix() {
        SendHistory a(QStringLiteral("a/history"));
        a.add(text(QStringLiteral("x")));
        SendHistory b(QStringLiteral("b/history"));
        QVERIFY(!b.older({}));
    }
};

QTEST_MAIN(tst_SendHistory)
#include "tst_sendhistory.moc"
