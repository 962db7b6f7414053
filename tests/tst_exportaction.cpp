// File → Export session… when the export fails: the failure names its
// cause and offers "Export elsewhere…", so a session is never lost to one
// bad folder (issue 14, fault 3), at quit least of all.
#include "eventfactory.h"
#include "exportaction.h"
#include "fakesessionsource.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

#include <sys/stat.h>

using namespace sockscope;

namespace {

// Runs act on the next modal widget of type T once it is up.
template <typename T> void whenUp(std::function<void(T*)> act) {
    QTimer::singleShot(10, [act] {
        auto* widget = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!widget) {
            whenUp<T>(act);
            return;
        }
        act(widget);
    });
}

// Chooses path in the next file dialog, as its Save button does, and
// confirms replacing an existing file; remembers the name the dialog
// suggested; arms then once the dialog is answered.
void chooseInFileDialog(const QString& path, QString* suggested, std::function<void()> then) {
    whenUp<QFileDialog>([path, suggested, then](QFileDialog* dialog) {
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(edit);
        if (suggested)
            *suggested = edit->text();
        // Typed, as a person does: selectFile() is applied late when the
        // dialog's folder is still loading, and the suggestion won.
        edit->setText(path);
        if (QFileInfo::exists(path)) {
            whenUp<QMessageBox>([then](QMessageBox* replace) {
                then();
                QTest::mouseClick(replace->button(QMessageBox::Yes), Qt::LeftButton);
            });
        } else {
            then();
        }
        // QFileDialog::accept() is protected; through QDialog it still runs,
        // as the Save button runs it.
        static_cast<QDialog*>(dialog)->accept();
    });
}

struct BoxSeen {
    QString text;
    QString informative;
};

// Answers the failure box with the named button (Cancel if none), after
// arming then, so that whatever the answer opens is handled.
void answerFailure(const char* buttonName, BoxSeen* seen, std::function<void()> then = {}) {
    whenUp<QMessageBox>([buttonName, seen, then](QMessageBox* box) {
        seen->text = box->text();
        seen->informative = box->informativeText();
        QAbstractButton* button = buttonName
                                      ? box->findChild<QAbstractButton*>(QLatin1String(buttonName))
                                      : box->button(QMessageBox::Cancel);
        if (!button) {
            box->close(); // an old build's plain error box: fail, do not hang
            QFAIL(qPrintable(u"the failure box offers no such button: "_qs + box->text()));
        }
        if (then)
            then();
        QTest::mouseClick(button, Qt::LeftButton);
    });
}

} // namespace

class tst_ExportAction final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    FakeSessionSource m_source;
    QWidget m_window;
    QTemporaryDir m_dir;

    // A target the dialog accepts and the export refuses, in a folder that
    // exists, so the dialog keeps the whole path as chosen.
    QString fifoAt(const QString& relative) {
        const QString path = m_dir.filePath(relative);
        if (!QDir().mkpath(QFileInfo(path).path()) ||
            ::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_source.add(
            {m_events.connect(1, u"localhost:9"_qs), m_events.data(1, Direction::In, "hello")});
    }

    void aFailedExportOffersElsewhere() {
        ExportAction action(&m_source, &m_window);
        QSignalSpy exported(&action, &ExportAction::exported);
        const QString bad = fifoAt(u"fifo1/s.jsonl"_qs);
        QVERIFY(!bad.isEmpty());
        const QString good = m_dir.filePath(u"elsewhere.jsonl"_qs);
        BoxSeen seen;
        QString suggestedAgain;
        chooseInFileDialog(bad, nullptr, [&] {
            answerFailure("exportElsewhere", &seen,
                          [&] { chooseInFileDialog(good, &suggestedAgain, [] {}); });
        });

        QVERIFY(action.exportInteractively());

        QVERIFY2(seen.text.contains(bad), qPrintable(seen.text));
        QVERIFY2(seen.informative.contains(u"not a regular file"), qPrintable(seen.informative));
        QCOMPARE(suggestedAgain, u"s.jsonl"); // the name kept, in a folder that exists
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().first().toString(), good);
        QVERIFY(QFileInfo(good).size() > 0);
        QVERIFY(!QFileInfo(bad).isFile());
    }

    void cancelAfterAFailureGivesUp() {
        ExportAction action(&m_source, &m_window);
        QSignalSpy exported(&action, &ExportAction::exported);
        BoxSeen seen;
        const QString bad = fifoAt(u"fifo2/s.csv"_qs);
        QVERIFY(!bad.isEmpty());
        chooseInFileDialog(bad, nullptr, [&] { answerFailure(nullptr, &seen); });
        QVERIFY(!action.exportInteractively());
        QCOMPARE(seen.text.isEmpty(), false);
        QCOMPARE(exported.size(), 0);
    }
};

QTEST_MAIN(tst_ExportAction)
#include "tst_exportaction.moc"
