// OfficePool: several offices converting side by side, each a worker thread with an OfficeSession
// of its own (gongwen/office.hpp). A worker starts its office on its first document, on its own
// thread (the office dies with the thread that started it, PR_SET_PDEATHSIG), and stops it before
// the thread ends. Without the office bridge, finish() runs one `soffice --convert-to pdf` per
// worker over its share of the documents.
#include "gongwen/office.hpp"

#include "office_internal.hpp"

#include "gongwen/diagnostics.hpp"
#include "gongwen/i18n.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

namespace gongwen {

using i18n::_;

unsigned default_office_workers() {
    if (const char* env = std::getenv("GONGWEN_OFFICE_WORKERS"); env && *env) {
        char* end = nullptr;
        long n = std::strtol(env, &end, 10);
        if (end && *end == '\0' && n >= 1 && n <= 64) return static_cast<unsigned>(n);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

std::string first_message(const Error& e) {
    const auto& items = e.diagnostics().items();
    return items.empty() ? std::string(e.what()) : items.front().message;
}

} // namespace

struct OfficePool::Impl {
    struct Job {
        std::string input, pdf;
    };
    struct Worker {
        std::thread thread;
        std::atomic<long> pid{0};
        std::atomic<int> restarts{0};
    };

    unsigned max_workers;
    bool overwrite;
    int seconds;
    bool bridge = OfficeSession::available();

    std::mutex m;
    std::condition_variable work_cv, done_cv;
    std::deque<Job> queue;
    std::vector<std::unique_ptr<Worker>> workers;
    std::size_t submitted = 0, done = 0;
    unsigned idle = 0, live = 0;
    bool closing = false, abandon = false;
    std::string broken;  // why no office would start: every document fails with it
    std::map<std::string, std::string> failures;

    // Under the lock: `job` is over (failed when `why` is not empty).
    void settle(const Job& job, const std::string& why) {
        if (!why.empty()) failures[job.pdf] = why;
        ++done;
        done_cv.notify_all();
    }

    void run(Worker& w) {
        std::unique_ptr<OfficeSession> office;
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(m);
                ++idle;
                work_cv.wait(lock, [&] { return !queue.empty() || closing || abandon; });
                --idle;
                if (abandon || queue.empty()) {
                    --live;  // from now on it takes no document
                    break;
                }
                job = std::move(queue.front());
                queue.pop_front();
            }
            if (!office) {
                try {
                    office = std::make_unique<OfficeSession>();
                    w.pid = office->pid();
                } catch (const Error& e) {
                    // This worker gives up; its document goes to another one, or, when none is
                    // left, it and every document still waiting fail with why.
                    std::lock_guard<std::mutex> lock(m);
                    --live;
                    if (live > 0) {
                        queue.push_front(std::move(job));
                        work_cv.notify_one();
                    } else {
                        broken = first_message(e);
                        settle(job, broken);
                        for (const auto& left : queue) settle(left, broken);
                        queue.clear();
                    }
                    return;
                }
            }
            std::string why;
            try {
                office->convert(job.input, job.pdf, overwrite, seconds);
            } catch (const Error& e) {
                why = first_message(e);
            } catch (const std::exception& e) {
                why = e.what();
            }
            w.pid = office->pid();
            w.restarts = office->restarts();
            std::lock_guard<std::mutex> lock(m);
            settle(job, why);
        }
        if (office) {
            w.pid = 0;
            office.reset();  // terminate, then kill what is left of its process group
        }
        std::lock_guard<std::mutex> lock(m);
        done_cv.notify_all();
    }

    // Without the bridge: one soffice --convert-to per worker over its share, side by side.
    void run_soffice_workers(const std::function<void(std::size_t)>& on_document) {
        std::vector<std::pair<std::string, std::string>> all;
        for (auto& j : queue) all.emplace_back(std::move(j.input), std::move(j.pdf));
        queue.clear();
        std::size_t n = std::min<std::size_t>(max_workers, all.size());
        std::vector<std::vector<std::pair<std::string, std::string>>> shares(n);
        for (std::size_t k = 0; k < all.size(); ++k) shares[k % n].push_back(std::move(all[k]));
        std::vector<std::thread> threads;
        std::mutex done_mutex;
        for (auto& share : shares)
            threads.emplace_back([&, share_ptr = &share] {
                auto failed = office::convert_with_soffice(*share_ptr, overwrite, seconds);
                std::lock_guard<std::mutex> lock(done_mutex);
                failures.insert(failed.begin(), failed.end());
                done += share_ptr->size();
                if (on_document) on_document(done);
            });
        for (auto& t : threads) t.join();
    }
};

OfficePool::OfficePool(unsigned workers, bool overwrite, int seconds_per_document) : impl_(std::make_unique<Impl>()) {
    impl_->max_workers = workers ? workers : default_office_workers();
    impl_->overwrite = overwrite;
    impl_->seconds = seconds_per_document;
}

OfficePool::~OfficePool() {
    {
        std::lock_guard<std::mutex> lock(impl_->m);
        impl_->abandon = true;
    }
    impl_->work_cv.notify_all();
    for (auto& w : impl_->workers)
        if (w->thread.joinable()) w->thread.join();
}

void OfficePool::submit(const std::string& document, const std::string& pdf_path, const std::string& /*name*/) {
    Impl& p = *impl_;
    std::lock_guard<std::mutex> lock(p.m);
    ++p.submitted;
    if (!p.broken.empty()) {
        p.settle({document, pdf_path}, p.broken);
        return;
    }
    p.queue.push_back({document, pdf_path});
    if (!p.bridge) return;  // converted at finish()
    // A worker, and with it an office, only when no started one is free to take the document.
    if (p.idle == 0 && p.workers.size() < p.max_workers) {
        p.workers.push_back(std::make_unique<Impl::Worker>());
        ++p.live;
        Impl::Worker* w = p.workers.back().get();
        w->thread = std::thread([&p, w] { p.run(*w); });
    } else {
        p.work_cv.notify_one();
    }
}

std::map<std::string, std::string> OfficePool::finish(const std::function<void(std::size_t done)>& on_document) {
    Impl& p = *impl_;
    std::unique_lock<std::mutex> lock(p.m);
    if (!p.bridge) {
        lock.unlock();
        if (!p.queue.empty()) p.run_soffice_workers(on_document);
        return p.failures;
    }
    p.closing = true;
    p.work_cv.notify_all();
    std::size_t told = 0;
    while (p.done < p.submitted || p.live > 0) {
        if (p.done != told && on_document) {
            told = p.done;
            lock.unlock();
            on_document(told);
            lock.lock();
            continue;
        }
        p.done_cv.wait(lock);
    }
    std::size_t last = p.done;
    lock.unlock();
    if (on_document && last != told) on_document(last);
    for (auto& w : p.workers)
        if (w->thread.joinable()) w->thread.join();
    return p.failures;
}

unsigned OfficePool::workers() const { return impl_->max_workers; }

std::vector<long> OfficePool::pids() const {
    std::lock_guard<std::mutex> lock(impl_->m);
    std::vector<long> out;
    for (const auto& w : impl_->workers)
        if (long pid = w->pid.load()) out.push_back(pid);
    return out;
}

int OfficePool::restarts() const {
    std::lock_guard<std::mutex> lock(impl_->m);
    int n = 0;
    for (const auto& w : impl_->workers) n += w->restarts.load();
    return n;
}

} // namespace gongwen
