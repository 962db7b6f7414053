#include "messagelibrarybar.h"

#include "messagelibrary.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QShortcut>
#include <QToolButton>

#include <functional>

namespace sockscope {

namespace {
constexpr int kShortcuts = 9;

// Non-blocking, so the window keeps running (and tests can answer it).
void askName(QWidget* parent, const QString& title, const QString& label, const QString& name,
             std::function<void(const QString&)> accepted) {
    auto* dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("messageNameDialog"));
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(name);
    QObject::connect(dialog, &QInputDialog::textValueSelected, parent,
                     [accepted = std::move(accepted)](const QString& text) {
                         if (!text.trimmed().isEmpty())
                             accepted(text.trimmed());
                     });
    dialog->open();
}
} // namespace

MessageLibraryBar::MessageLibraryBar(MessageLibrary* library, QWidget* parent)
    : QWidget(parent)
    , m_library(library)
    , m_combo(new QComboBox(this))
    , m_send(new QToolButton(this))
    , m_more(new QToolButton(this)) {
    auto* label = new QLabel(tr("Sav&ed:"), this);
    label->setBuddy(m_combo);
    m_combo->setModel(library);
    m_combo->setAccessibleName(tr("Saved messages"));
    m_combo->setPlaceholderText(tr("No saved messages"));
    m_combo->setToolTip(tr("Messages saved with \"Save current as…\"; Alt+1 to Alt+9 send the "
                           "first nine"));
    // A long name must not widen the send box.
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(6);

    m_send->setIcon(QIcon(QStringLiteral(":/icons/send.svg")));
    m_send->setText(tr("Send saved message"));
    m_send->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_send->setAccessibleName(tr("Send saved message"));
    m_send->setToolTip(tr("Send the chosen saved message (Alt+1 to Alt+9: the first nine)"));

    auto* menu = new QMenu(this);
    QAction* saveCurrent = menu->addAction(tr("&Save current as…"));
    m_rename = menu->addAction(tr("&Rename…"));
    m_remove = menu->addAction(tr("&Delete"));
    menu->addSeparator();
    QAction* import = menu->addAction(tr("&Import…"));
    m_export = menu->addAction(tr("&Export…"));
    saveCurrent->setObjectName(QStringLiteral("saveMessageAction"));
    m_rename->setObjectName(QStringLiteral("renameMessageAction"));
    m_remove->setObjectName(QStringLiteral("deleteMessageAction"));
    import->setObjectName(QStringLiteral("importMessagesAction"));
    m_export->setObjectName(QStringLiteral("exportMessagesAction"));
    import->setToolTip(tr("Add the messages of a JSON file"));
    m_export->setToolTip(tr("Write every saved message to a JSON file"));
    m_more->setText(tr("…"));
    m_more->setAccessibleName(tr("Saved messages menu"));
    m_more->setToolTip(tr("Save, rename, delete, import and export saved messages"));
    m_more->setMenu(menu);
    m_more->setPopupMode(QToolButton::InstantPopup);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_send);
    layout->addWidget(m_more);

    connect(m_send, &QToolButton::clicked, this, [this] {
        if (m_combo->currentIndex() >= 0)
            Q_EMIT sendRequested(m_combo->currentIndex());
    });
    connect(saveCurrent, &QAction::triggered, this, &MessageLibraryBar::saveCurrentRequested);
    connect(m_rename, &QAction::triggered, this, &MessageLibraryBar::rename);
    connect(m_remove, &QAction::triggered, this, &MessageLibraryBar::removeCurrent);
    connect(import, &QAction::triggered, this, &MessageLibraryBar::importFile);
    connect(m_export, &QAction::triggered, this, &MessageLibraryBar::exportFile);
    for (int row = 0; row < kShortcuts; ++row) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + row)), this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, row] {
            if (m_sendEnabled && row < m_library->rowCount())
                Q_EMIT sendRequested(row);
        });
    }
    connect(library, &QAbstractItemModel::rowsInserted, this, &MessageLibraryBar::refresh);
    connect(library, &QAbstractItemModel::rowsRemoved, this, &MessageLibraryBar::refresh);
    connect(library, &QAbstractItemModel::modelReset, this, &MessageLibraryBar::refresh);
    refresh();
}

void MessageLibraryBar::saveAs(const SendMessage& message) {
    // No name offered: accepting at once must not replace a saved message.
    askName(this, tr("Save message"), tr("Name of the saved message (a saved name is replaced):"),
            {}, [this, message](const QString& name) {
                m_combo->setCurrentIndex(m_library->save(name, message));
                Q_EMIT notice(tr("Saved as '%1'.").arg(name), false);
            });
}

void MessageLibraryBar::setSendEnabled(bool enabled) {
    m_sendEnabled = enabled;
    refresh();
}

void MessageLibraryBar::rename() {
    const int row = m_combo->currentIndex();
    if (row < 0)
        return;
    askName(this, tr("Rename message"), tr("New name:"), m_library->name(row),
            [this, row](const QString& name) {
                if (row >= m_library->rowCount())
                    return;
                if (!m_library->rename(row, name))
                    Q_EMIT notice(tr("A saved message is already named '%1'.").arg(name), true);
            });
}

void MessageLibraryBar::removeCurrent() {
    const int row = m_combo->currentIndex();
    if (row < 0)
        return;
    const QString name = m_library->name(row);
    m_library->remove(row);
    Q_EMIT notice(tr("Deleted '%1'.").arg(name), false);
}

void MessageLibraryBar::importFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import saved messages"), {},
                                                      tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    const int count = m_library->importFile(path, &error);
    Q_EMIT notice(count < 0    ? error
                  : count == 1 ? tr("Imported 1 message.")
                               : tr("Imported %1 messages.").arg(count),
                  count < 0);
}

void MessageLibraryBar::exportFile() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export saved messages"),
                                                      QStringLiteral("messages.json"),
                                                      tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = m_library->exportFile(path, &error);
    Q_EMIT notice(ok ? tr("Exported %1 saved messages to %2.")
                           .arg(m_library->rowCount())
                           .arg(QDir::toNativeSeparators(path))
                     : error,
                  !ok);
}

void MessageLibraryBar::refresh() {
    const bool any = m_library->rowCount() > 0;
    if (any && m_combo->currentIndex() < 0)
        m_combo->setCurrentIndex(0);
    m_combo->setEnabled(any);
    m_send->setEnabled(any && m_sendEnabled);
    m_rename->setEnabled(any);
    m_remove->setEnabled(any);
    m_export->setEnabled(any);
}

} // namespace sockscope
