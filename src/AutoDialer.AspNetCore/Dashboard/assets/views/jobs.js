// #/jobs: jobs are the Hangfire Dashboard's (history, retries, failures with their exceptions, servers); an old
// #/jobs link goes there.
export function mount() {
  location.replace('hangfire');
}
