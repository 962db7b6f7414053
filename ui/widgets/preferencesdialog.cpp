#include "preferencesdialog.h"

#include "formhelpers.h"
#include "keeppolicyedit.h"
#include "preferences.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sockscope {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_budget(new QLineEdit(this))
    , m_budgetError(makeErrorLabel(this))
    , m_folder(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_folderError(makeErrorLabel(this))
    , m_keep(new KeepPolicyEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                         QDialogButtonBox::RestoreDefaults,
                                     this)) {
    setWindowTitle(tr("Preferences"));

    m_budget->setAccessibleName(tr("Capture budget"));
    m_budget->setPlaceholderText(QStringLiteral("auto"));
    m_budget->setToolTip(tr("Disk for captured payload: auto (half the capture folder's free "
                            "space, at most 4 GiB), or a size such as 512M or 2G. Beyond it the "
                            "busiest connections lose their oldest data first; every connection "
                            "keeps its first 64 KiB each way."));
    m_folder->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_folder->setAccessibleName(tr("Capture folder"));
    m_folder->setPlaceholderText(
        tr("The system temp folder (%1)").arg(QDir::toNativeSeparators(QDir::tempPath())));
    m_folder->setToolTip(tr("Where the capture file goes. It is deleted when SockScope exits, "
                            "even after a crash."));
    m_browse->setAccessibleName(tr("Browse for capture folder"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    auto* startNote =
        new QLabel(tr("The budget and the folder apply from the next start. The keep policy "
                      "applies to the listeners and clients you start from now on."),
                   this);
    startNote->setWordWrap(true);
    // An option's name must not break at its own hyphens.
    auto* commandLineNote = new QLabel(
        tr("On the command line, <nobr>--capture-budget</nobr>, <nobr>--capture-dir</nobr> and "
           "<nobr>--keep</nobr> override these. <nobr>--headless</nobr> ignores them, so that a "
           "script runs the same everywhere."),
        this);
    commandLineNote->setTextFormat(Qt::RichText);
    commandLineNote->setWordWrap(true);
    commandLineNote->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->addRow(tr("Capture &budget:"), m_budget);
    form->addRow(QString(), m_budgetError);
    auto* folderLabel = new QLabel(tr("Capture &folder:"), this);
    folderLabel->setBuddy(m_folder); // a row holding a layout gets no buddy by itself
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_folderError);
    form->addRow(tr("Default &keep payload:"), m_keep);

    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addLayout(form);
    layout->addWidget(startNote);
    layout->addWidget(commandLineNote);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_budget, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Capture folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    QPushButton* defaults = m_buttons->button(QDialogButtonBox::RestoreDefaults);
    defaults->setToolTip(tr("auto, the system temp folder, keep everything"));
    connect(defaults, &QPushButton::clicked, this, [this] { fill(Preferences{}); });

    fill(Preferences::load());
}

void PreferencesDialog::accept() {
    validate();
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    Preferences preferences;
    preferences.captureBudget =
        parseCaptureBudget(m_budget->text().isEmpty() ? QStringLiteral("auto") : m_budget->text())
            .value_or(CaptureOptions::kAutoBudget);
    preferences.captureDir = QDir::fromNativeSeparators(m_folder->text().trimmed());
    preferences.keep = m_keep->policy();
    preferences.save();
    QDialog::accept();
}

void PreferencesDialog::fill(const Preferences& preferences) {
    m_budget->setText(captureBudgetText(preferences.captureBudget));
    m_folder->setText(QDir::toNativeSeparators(preferences.captureDir));
    m_keep->setPolicy(preferences.keep);
    validate();
}

void PreferencesDialog::validate() {
    const QString budget = m_budget->text().trimmed();
    showError(m_budgetError, budget.isEmpty() || parseCaptureBudget(budget)
                                 ? QString()
                                 : tr("'%1' is not a size: use auto, or a number with K, M or "
                                      "G, such as 2G.")
                                       .arg(budget));
    const QString folder = m_folder->text().trimmed();
    const QFileInfo dir(folder);
    QString folderError; // none for an empty folder: the system temp folder
    if (!folder.isEmpty() && !dir.exists())
        folderError = tr("'%1' does not exist.").arg(folder);
    else if (!folder.isEmpty() && !dir.isDir())
        folderError = tr("'%1' is not a folder.").arg(folder);
    else if (!folder.isEmpty() && !dir.isWritable())
        folderError = tr("'%1' is not writable.").arg(folder);
    showError(m_folderError, folderError);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_budgetError->isHidden() && folderError.isEmpty());
    growToFit(this);
}

} // namespace sockscope
