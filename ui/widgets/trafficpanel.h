#pragma once

#include "base/captureevent.h"
#include "formats/bytecopy.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace sockscope {

class SessionSource;
class TrafficFilterBar;
class TrafficFilterModel;
class TrafficModel;

// The chunks that crossed the connections, newest at the bottom, filtered to
// the selected connection unless "All connections" is on, with a bar to find
// and filter them (TrafficFilterBar) and copy of the selected rows' payloads.
class TrafficPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPanel)
public:
    // Copy refuses a selection that would make more text than this.
    static constexpr qint64 kMaxCopyChars = 64ll << 20;

    // source: where a chunk's whole payload is, as rows may hold only a preview.
    TrafficPanel(TrafficModel* model, const SessionSource* source, QWidget* parent = nullptr);

    // The connection selected elsewhere; 0 when none (or a listener) is.
    void setConnection(int conn, const QString& description = {});
    // The connection whose chunks are shown; 0 means all.
    int shownConnection() const;

    void showFindBar();
    // Selects the next (or previous) chunk whose preview or payload contains
    // text (hex bytes when the bar's Hex is checked), wrapping around; false
    // if none does.
    bool find(const QString& text, bool backward = false);
    // The selected rows' whole payloads to the clipboard; false, with a
    // message, if there was nothing to copy or too much.
    bool copySelection(CopyFormat format);

    QTableView* view() const { return m_view; }
    TrafficFilterModel* filterModel() const { return m_filter; }
    TrafficFilterBar* filterBar() const { return m_bar; }
    QCheckBox* allConnectionsToggle() const { return m_all; }
    QLineEdit* findEdit() const;

Q_SIGNALS:
    // The selected chunk as its row holds it (its payload maybe only a
    // preview); an empty event (seq 0) when no chunk is selected.
    void currentChunkChanged(const sockscope::CaptureEvent& chunk);
    // A chunk of another connection than the selected one was chosen (the
    // table shows all): the rest of the window should follow it.
    void connectionPicked(int conn);
    // Double-click, Return, or the context menu: show the chunk in its
    // connection's Follow stream.
    void showInStreamRequested(const sockscope::CaptureEvent& chunk);
    // What a copy did, for the status bar.
    void statusMessage(const QString& text);

public:
    // The context menu of a row (of the filter model); public so tests can
    // drive it without a blocking exec().
    void addChunkActions(QMenu* menu, const QModelIndex& index);

private:
    void showContextMenu(const QPoint& pos);
    void applyFilter();
    void updateTitle();
    void updateCount();
    // The current row leaves the table: nothing is selected any more, rather
    // than a neighbour of another connection that would pull the window to it.
    void dropCurrentIn(int firstSourceRow, int lastSourceRow);
    void checkCurrentStillShown();
    // Payload bytes one find may read from the capture beyond the rows'
    // previews: 100,000 rows of large chunks would otherwise freeze the
    // window. Follow stream's find searches a whole connection in the
    // background.
    static constexpr qint64 kFindReadBudget = 64ll << 20;
    const CaptureEvent& eventAt(const QModelIndex& proxyIndex) const;

    TrafficModel* m_model = nullptr;
    const SessionSource* m_source = nullptr;
    TrafficFilterModel* m_filter = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_title = nullptr;
    QCheckBox* m_all = nullptr;
    TrafficFilterBar* m_bar = nullptr;
    int m_conn = 0;
    QString m_description;
    quint64 m_currentSeq = 0; // the chunk last told in currentChunkChanged
};

} // namespace sockscope
