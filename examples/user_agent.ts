// user_agent.py: sends our own User-Agent to the tutorial's Python HTTP server.
import req from 'fetch-requests';

const headers = { 'user-agent': 'Python script' };

const resp = await req.get('http://localhost:8081/agent', { headers });
console.log(resp.text);
