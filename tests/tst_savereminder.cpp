// Quitting asks before it throws away a capture that no export or recording
// holds, as a document application asks about unsaved changes.
#include "eventfactory.h"
#include "exportaction.h"
#include "fakesessionsource.h"
#include "savereminder.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

using namespace sockscope;

namespace {

// Answers the next message box with the given button, once it is up;
// returns the texts it showed.
struct Answer {
    QString text;
    QString informative;
};
void answerNextBox(QMessageBox::StandardButton button, Answer* seen) {
    QTimer::singleShot(0, [button, seen] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            answerNextBox(button, seen); // not up yet
            return;
        }
        seen->text = box->text();
        seen->informative = box->informativeText();
        box->button(button)->click();
    });
}

} // namespace

class tst_SaveReminder final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    FakeSessionSource m_source;
    QWidget m_window;
    ExportAction m_export{&m_source, &m_window};

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void aListenerAloneAsksNothing() {
        SaveReminder reminder(&m_export, &m_window);
        reminder.observe({m_events.listen(1, u"127.0.0.1:8080"_qs)}, {});
        QVERIFY(!reminder.hasUnsaved());
        QVERIFY(reminder.confirmQuit(0)); // no box: nothing would answer it
    }

    void trafficAsksSaveDiscardOrCancel() {
        SaveReminder reminder(&m_export, &m_window);
        reminder.observe({m_events.listen(1, u"127.0.0.1:8080"_qs),
                          m_events.accept(1, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs),
                          m_events.data(1, Direction::In, "hello")},
                         {});
        QVERIFY(reminder.hasUnsaved());
        Answer seen;
        answerNextBox(QMessageBox::Cancel, &seen);
        QVERIFY(!reminder.confirmQuit(2));
        QCOMPARE(seen.text, u"The captured session has not been saved.");
        QVERIFY2(seen.informative.contains(u"Connections still open: 2; they will be closed"),
                 qPrintable(seen.informative));
        answerNextBox(QMessageBox::Discard, &seen);
        QVERIFY(reminder.confirmQuit(0));
        QCOMPARE(seen.informative, u"Save it before quitting?");
    }

    void anExportOrARecordingSavesIt() {
        SaveReminder reminder(&m_export, &m_window);
        reminder.observe({m_events.connect(1, u"localhost:9"_qs)}, {});
        QVERIFY(reminder.hasUnsaved());
        Q_EMIT m_export.exported(u"/tmp/x.jsonl"_qs);
        QVERIFY(!reminder.hasUnsaved());
        // New traffic after the export is unsaved again...
        reminder.observe({m_events.data(1, Direction::Out, "more")}, {});
        QVERIFY(reminder.hasUnsaved());
        // ...until a recording holds it, and all that follows.
        SessionStats recording;
        recording.recordingPath = u"/tmp/r.jsonl"_qs;
        reminder.observe({m_events.data(1, Direction::In, "again")}, recording);
        QVERIFY(!reminder.hasUnsaved());
    }
};

QTEST_MAIN(tst_SaveReminder)
#include "tst_savereminder.moc"
