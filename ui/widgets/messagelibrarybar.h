#pragma once

#include "formats/sendmessage.h"

#include <QWidget>

class QAction;
class QComboBox;
class QToolButton;

namespace sockscope {

class MessageLibrary;

// One row under the send box: the saved messages in a combo, a button that
// sends the chosen one, and a menu to save, rename, delete, import and
// export them. Alt+1..Alt+9 send the first nine from anywhere in the window.
class MessageLibraryBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageLibraryBar)
public:
    explicit MessageLibraryBar(MessageLibrary* library, QWidget* parent = nullptr);

    // Asks for a name (without blocking), then saves message under it.
    void saveAs(const SendMessage& message);
    void setSendEnabled(bool enabled);

    QComboBox* combo() const { return m_combo; }
    QToolButton* sendButton() const { return m_send; }
    QToolButton* menuButton() const { return m_more; }

Q_SIGNALS:
    void sendRequested(int row);
    // "Save current as…": the send box answers with saveAs().
    void saveCurrentRequested();
    // What happened, for the send box's message line; error or not.
    void notice(const QString& message, bool error);

private:
    void rename();
    void removeCurrent();
    void importFile();
    void exportFile();
    void refresh();

    MessageLibrary* m_library = nullptr;
    QComboBox* m_combo = nullptr;
    QToolButton* m_send = nullptr;
    QToolButton* m_more = nullptr;
    QAction* m_rename = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_export = nullptr;
    bool m_sendEnabled = true;
};

} // namespace sockscope
