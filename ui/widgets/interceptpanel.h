#pragma once

#include "base/captureevent.h"
#include "engine/interceptcommand.h"

#include <QWidget>

#include <utility>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace sockscope {

class FramingPicker;
class HeldMessagesModel;
class SessionSource;

// The Intercept tab: holds a relay pair's traffic by whole messages, in
// either direction, and lets the person release, drop, edit or inject
// them (InterceptQueue does the holding, on the engine thread). Shows the
// pair of the connection selected in the tree, whichever leg it is.
class InterceptPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterceptPanel)
public:
    InterceptPanel(const SessionSource* source, QWidget* parent = nullptr);

    // A row of the ConnectionsModel, or an invalid index.
    void showRow(const QModelIndex& row);
    void appendBatch(const sockscope::EventBatch& events);

private:
    void send(InterceptCommand::Kind kind, int conn, int message = 0,
              const QByteArray& payload = {});
    void setHolding(int conn, bool hold);
    void editSelected();
    void inject(int conn);
    // The selected held message's row, or -1.
    int selectedRow() const;
    void updateControls();

    const SessionSource* m_source = nullptr;
    HeldMessagesModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QCheckBox* m_holdUp = nullptr;
    QCheckBox* m_holdDown = nullptr;
    FramingPicker* m_framing = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_release = nullptr;
    QPushButton* m_releaseAll = nullptr;
    QPushButton* m_drop = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_inject = nullptr;
    int m_client = 0;
    int m_upstream = 0;
    std::pair<int, int> m_selected; // conn, message: kept across a rebuild
};

} // namespace sockscope
