// version.py: prints the version and copyright of the library.
import requests from 'fetch-requests';

console.log(requests.version);
console.log(requests.copyright);
