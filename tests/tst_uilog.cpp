#include "eventfactory.h"
#include "models/connectionsmodel.h"
#include "sendbox.h"
#include "sendboxparts.h"
#include "uilog.h"

#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace sockscope;

namespace {
QStringList g_messages;

void collect(QtMsgType, const QMessageLogContext& context, const QString& message) {
    if (QByteArrayView(context.category) == "sockscope.ui")
        g_messages << message;
}
} // namespace

class tst_UiLog final : public QObject {
    Q_OBJECT

private:
    // Sends text from a send box whose connection is open; returns what the
    // sockscope.ui category logged meanwhile.
    QStringList logOfSend(const QByteArray& text) {
        ConnectionsModel model;
        EventFactory f;
        model.applyBatch(
            {f.connect(1, QStringLiteral("127.0.0.1:9")),
             f.connected(1, QStringLiteral("127.0.0.1:50000"), QStringLiteral("127.0.0.1:9"))},
            {});
        SendBox box(&model);
        box.setConnection(1);
        box.setLineEnding(SendBox::LineEnding::None);
        parts::textEdit(box)->setPlainText(QString::fromUtf8(text));
        QSignalSpy sent(&box, &SendBox::sendRequested);
        g_messages.clear();
        const QtMessageHandler previous = qInstallMessageHandler(collect);
        const bool ok = box.send();
        qInstallMessageHandler(previous);
        return ok && sent.size() == 1 ? g_messages : QStringList{QStringLiteral("not sent")};
    }

private Q_SLOTS:
    void initTestCase() {
        // A send goes into the send box's history, kept in QSettings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
    }
    void cleanup() { QLoggingCategory::setFilterRules({}); }

    void categoryIsQuietByDefault() {
        QCOMPARE(QByteArrayView(lcUi().categoryName()), QByteArrayView("sockscope.ui"));
        QVERIFY(lcUi().isWarningEnabled());
        QVERIFY(!lcUi().isInfoEnabled());
        QVERIFY(!lcUi().isDebugEnabled());
        QVERIFY(logOfSend("secret").isEmpty());
    }

    void infoSaysHowMuchButNotWhat() {
        QLoggingCategory::setFilterRules(QStringLiteral("sockscope.ui.info=true"));
        const QStringList log = logOfSend("password=hunter2");
        QCOMPARE(log.size(), 1);
        QVERIFY2(log.first().contains(u"16 bytes"), qPrintable(log.first()));
        QVERIFY2(!log.join(u'\n').contains(u"hunter2"), qPrintable(log.join(u'\n')));
    }

    void debugShowsThePayload() {
        QLoggingCategory::setFilterRules(QStringLiteral("sockscope.ui.debug=true"));
        const QStringList log = logOfSend("password=hunter2");
        QVERIFY2(log.join(u'\n').contains(u"hunter2"), qPrintable(log.join(u'\n')));
    }
};

QTEST_MAIN(tst_UiLog)
#include "tst_uilog.moc"
