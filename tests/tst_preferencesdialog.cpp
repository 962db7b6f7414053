#include "cli/commandline.h"
#include "clientdialog.h"
#include "engine/engine.h"
#include "keeppolicyedit.h"
#include "listenerdialog.h"
#include "mainwindow.h"
#include "preferences.h"
#include "preferencesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sockscope;
using Mode = KeepPolicy::Mode;

namespace {
QLineEdit* field(const QWidget& dialog, const QString& accessibleName) {
    const QList<QLineEdit*> edits = dialog.findChildren<QLineEdit*>();
    for (QLineEdit* edit : edits) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

void retype(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QPushButton* button(const QWidget& dialog, QDialogButtonBox::StandardButton which) {
    return dialog.findChild<QDialogButtonBox*>()->button(which);
}

// The visible error labels' texts.
QStringList errorsOf(const QWidget& dialog) {
    QStringList errors;
    const QList<QLabel*> labels = dialog.findChildren<QLabel*>();
    for (const QLabel* label : labels) {
        if (label->isVisible() && label->textFormat() == Qt::PlainText && !label->text().isEmpty())
            errors << label->text();
    }
    return errors;
}

CommandLine parsed(const QStringList& arguments) {
    const ParseOutcome outcome =
        parseCommandLine(QStringList{QStringLiteral("sockscope")} + arguments);
    return outcome.commandLine.value_or(CommandLine{});
}
} // namespace

class tst_PreferencesDialog final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_preferencesdialog"));
        QVERIFY(m_dir.isValid());
    }

    void init() {
        QSettings().clear();
        overrideDefaultKeepPolicy(std::nullopt);
    }

    void defaultsWhenNothingIsSaved() {
        QCOMPARE(Preferences::load(), Preferences{});
        PreferencesDialog dialog;
        QCOMPARE(field(dialog, u"Capture budget"_qs)->text(), u"auto"_qs);
        QCOMPARE(field(dialog, u"Capture folder"_qs)->text(), QString());
        QCOMPARE(dialog.findChild<KeepPolicyEdit*>()->policy(), KeepPolicy{});
    }

    void roundTripThroughSettings() {
        {
            PreferencesDialog dialog;
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            retype(field(dialog, u"Capture budget"_qs), u"2G"_qs);
            retype(field(dialog, u"Capture folder"_qs), m_dir.path());
            auto* keep = dialog.findChild<KeepPolicyEdit*>();
            auto* mode = keep->findChild<QComboBox*>();
            mode->setFocus();
            QTest::keyClick(mode, Qt::Key_Down); // the first bytes of each direction
            auto* kib = keep->findChild<QSpinBox*>();
            kib->setFocus();
            kib->selectAll();
            QTest::keyClicks(kib, u"16"_qs);
            QVERIFY(errorsOf(dialog).isEmpty());
            QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const Preferences saved = Preferences::load();
        QCOMPARE(saved.captureBudget, 2ll << 30);
        QCOMPARE(saved.captureDir, m_dir.path());
        QCOMPARE(saved.keep, (KeepPolicy{Mode::Head, 16 * 1024}));
        // Readable in the settings file, as the options are spelled.
        QCOMPARE(QSettings().value(u"preferences/captureBudget"_qs).toString(), u"2G"_qs);
        QCOMPARE(QSettings().value(u"preferences/keep"_qs).toString(), u"head:16K"_qs);

        PreferencesDialog again;
        QCOMPARE(field(again, u"Capture budget"_qs)->text(), u"2G"_qs);
        QCOMPARE(field(again, u"Capture folder"_qs)->text(),
                 QDir::toNativeSeparators(m_dir.path()));
        QCOMPARE(again.findChild<KeepPolicyEdit*>()->policy(), saved.keep);

        // Restore Defaults, then OK: back to auto, temp folder, keep all.
        QTest::mouseClick(button(again, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        again.accept();
        QCOMPARE(Preferences::load(), Preferences{});
    }

    void badValuesAreNamedAndNotSaved() {
        PreferencesDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        retype(field(dialog, u"Capture budget"_qs), u"lots"_qs);
        QTRY_COMPARE(errorsOf(dialog).size(), 1);
        QVERIFY2(errorsOf(dialog).constFirst().contains(u"'lots' is not a size"),
                 qPrintable(errorsOf(dialog).join(u'\n')));
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        retype(field(dialog, u"Capture budget"_qs), u"0"_qs);
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        retype(field(dialog, u"Capture budget"_qs), u"512M"_qs);
        QVERIFY(errorsOf(dialog).isEmpty());

        const QString missing = m_dir.filePath(u"missing"_qs);
        retype(field(dialog, u"Capture folder"_qs), missing);
        QCOMPARE(errorsOf(dialog), QStringList{u"'%1' does not exist."_qs.arg(missing)});
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        dialog.accept(); // Enter with a bad field changes nothing
        QVERIFY(dialog.isVisible());
        QCOMPARE(Preferences::load(), Preferences{});
    }

    void keepPreferencePrefillsListenAndConnect() {
        Preferences preferences;
        preferences.keep = {Mode::Head, 8 * 1024};
        preferences.save();
        QCOMPARE(ListenerDialog().findChild<KeepPolicyEdit*>()->policy(), preferences.keep);
        QCOMPARE(ClientDialog().findChild<KeepPolicyEdit*>()->policy(), preferences.keep);
        ListenerDialog listener;
        QTest::mouseClick(button(listener, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(listener.findChild<KeepPolicyEdit*>()->policy(), preferences.keep);

        // --keep wins for the whole run, dialogs included.
        overrideDefaultKeepPolicy(KeepPolicy{Mode::None, 0});
        QCOMPARE(ListenerDialog().findChild<KeepPolicyEdit*>()->policy().mode, Mode::None);
        QCOMPARE(ClientDialog().findChild<KeepPolicyEdit*>()->policy().mode, Mode::None);
    }

    void captureOptions_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<QString>("dir");
        QTest::addColumn<qint64>("expectedBudget");
        QTest::addColumn<bool>("expectPreferredDir");

        const qint64 auto_ = CaptureOptions::kAutoBudget;
        QTest::newRow("nothing anywhere") << QStringList{} << auto_ << QString() << auto_ << false;
        QTest::newRow("preferences")
            << QStringList{} << (2ll << 30) << u"dir"_qs << (2ll << 30) << true;
        QTest::newRow("command line wins")
            << QStringList{u"--capture-budget"_qs, u"1G"_qs, u"--capture-dir"_qs, u"/tmp"_qs}
            << (2ll << 30) << u"dir"_qs << (1ll << 30) << false;
        QTest::newRow("each on its own") << QStringList{u"--capture-budget"_qs, u"1G"_qs} << auto_
                                         << u"dir"_qs << (1ll << 30) << true;
    }

    void captureOptions() {
        QFETCH(QStringList, arguments);
        QFETCH(qint64, budget);
        QFETCH(QString, dir);
        QFETCH(qint64, expectedBudget);
        QFETCH(bool, expectPreferredDir);
        Preferences preferences;
        preferences.captureBudget = budget;
        if (!dir.isEmpty())
            preferences.captureDir = m_dir.path();
        const CommandLine commandLine = parsed(arguments);
        QString notice;
        const CaptureOptions options =
            windowCaptureOptions(commandLine.capture, preferences, &notice);
        QCOMPARE(options.budget, expectedBudget);
        QCOMPARE(options.dir, expectPreferredDir ? m_dir.path() : commandLine.capture.dir);
        QVERIFY2(notice.isEmpty(), qPrintable(notice));
    }

    void aPreferredFolderThatIsGoneGivesWay() {
        Preferences preferences;
        preferences.captureDir = m_dir.filePath(u"removed"_qs);
        QString notice;
        const CaptureOptions options = windowCaptureOptions({}, preferences, &notice);
        QVERIFY(options.dir.isEmpty()); // the system temp folder
        QVERIFY2(notice.contains(preferences.captureDir) && notice.contains(u"does not exist"),
                 qPrintable(notice));
    }

    void keepPreferenceFillsInForTheCommandLine() {
        Preferences preferences;
        preferences.keep = {Mode::Head, 1024};
        const QStringList sockets{u"--listen"_qs, u"localhost:0"_qs, u"--connect"_qs,
                                  u"localhost:9"_qs};
        QString notice;
        const CommandLine silent = withPreferences(parsed(sockets), preferences, &notice);
        QCOMPARE(silent.listeners.constFirst().keep, preferences.keep);
        QCOMPARE(silent.clients.constFirst().keep, preferences.keep);
        const CommandLine given = withPreferences(
            parsed(sockets + QStringList{u"--keep"_qs, u"all"_qs}), preferences, &notice);
        QCOMPARE(given.listeners.constFirst().keep, KeepPolicy{});
        QCOMPARE(given.clients.constFirst().keep, KeepPolicy{});
    }

    void fileMenuOpensIt() {
        Engine engine;
        MainWindow window(&engine);
        window.setConfirmQuit(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        PreferencesDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<PreferencesDialog*>()));
        QTRY_VERIFY(dialog->isVisible());
        const QStringList notes = [dialog] {
            QStringList texts;
            for (const QLabel* label : dialog->findChildren<QLabel*>())
                texts << label->text();
            return texts;
        }();
        QVERIFY2(notes.join(u'\n').contains(u"apply from the next start"),
                 qPrintable(notes.join(u'\n')));
        dialog->reject();
    }
};

QTEST_MAIN(tst_PreferencesDialog)
#include "tst_preferencesdialog.moc"
