#pragma once

#include <QList>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace sockscope {

class FollowStreamView;
class SessionSource;

// Find in the Follow stream: every occurrence of a text or hex pattern in
// the followed connection's whole stream, each one a jump of the view.
//
// A stream may be gigabytes on disk, so the search (StreamSearch, a page at
// a time) runs on a worker thread; the bar shows its progress and can cancel
// it at any moment. A search reads the stream as long as it is when it
// starts: Find again to include bytes that arrived since.
class StreamFindBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamFindBar)
public:
    // Progress reaches the GUI at most this often.
    static constexpr int kProgressIntervalMs = 50;

    StreamFindBar(const SessionSource* source, FollowStreamView* view, QWidget* parent = nullptr);
    // Cancels the searches still running and waits for their threads.
    ~StreamFindBar() override;

    // Cancels a search in flight and forgets the matches, which were the
    // previous connection's; 0: nothing to search.
    void setConnection(int conn);
    int connection() const { return m_conn; }

    // Ctrl+F anywhere in scope (a parent of the view and of this bar)
    // opens the bar, before a window-wide Find shortcut sees it.
    void installFindShortcut(QWidget* scope);

    // Shows the bar with its pattern focused and selected.
    void open();
    // Cancels the search in flight, hides the bar and gives the view the focus.
    void dismiss();
    // Searches the stream anew for the pattern.
    void find();
    // The next or previous match, wrapping around; searches first when the
    // pattern has no matches to visit yet.
    void findNext();
    void findPrevious();
    void cancel();

    bool isSearching() const { return m_running != 0; }
    // The offsets of the matches that can be visited, and the one shown (-1: none).
    const QList<qint64>& matchOffsets() const { return m_offsets; }
    int currentMatch() const { return m_current; }

    QLineEdit* patternEdit() const { return m_pattern; }
    QCheckBox* hexBox() const { return m_hex; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* errorLabel() const { return m_error; }
    QToolButton* cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void progressed(int percent);
    // A search ended: with its matches, with none, or cancelled.
    void searchEnded();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Job;

    std::optional<QByteArray> pattern(QString* error) const;
    void patternEdited();
    // Forgets the matches and stops the search that would have replaced them.
    void reset();
    void showProgress(quint64 job, qint64 searched, qint64 total);
    void finish(quint64 job);
    void setStatus(const QString& text);
    void step(int by);
    void jumpTo(int match);
    void stopAllAndWait();
    void updateButtons();

    const SessionSource* m_source = nullptr;
    FollowStreamView* m_view = nullptr;
    QLineEdit* m_pattern = nullptr;
    QCheckBox* m_hex = nullptr;
    QToolButton* m_find = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QToolButton* m_cancel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_position = nullptr;
    QLabel* m_error = nullptr;

    int m_conn = 0;
    // Searches whose threads have not been joined yet: the current one and
    // any cancelled ones still finishing their page.
    std::vector<std::unique_ptr<Job>> m_jobs;
    quint64 m_lastJob = 0;
    quint64 m_running = 0; // the job whose progress and result are shown; 0: none
    QList<qint64> m_offsets;
    int m_current = -1;
};

} // namespace sockscope
