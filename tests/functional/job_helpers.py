"""Ask for a prepared file as a browser does, run the worker, download the file."""
import re

from aluqsec.jobs.worker import Worker

from ..conftest import post

DOWNLOAD = re.compile(r'href="(/jobs/\d+/download)"')


def run_jobs(app, name="test-worker"):
    """Run every due job with a real worker, as ``flask jobs work --burst`` does; return how many ran."""
    return Worker(app, name=name).work(burst=True)


def prepare(client, url):
    """Open the prepare page at *url*, press its button, and return the job page it leads to."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    response = post(client, url)
    assert response.status_code == 303, response.status_code
    return response.headers["Location"]


def download(client, job_page):
    """Follow the download link of a job page that says the file is ready."""
    link = DOWNLOAD.search(client.get(job_page).get_data(as_text=True))
    assert link, "the job page shows no download link"
    return client.get(link.group(1))


def prepare_and_download(client, url):
    """Ask for the file at *url*, let a worker prepare it, and download it."""
    job_page = prepare(client, url)
    run_jobs(client.application)
    return download(client, job_page)
